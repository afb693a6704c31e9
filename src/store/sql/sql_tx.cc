#include "store/sql/sql_tx.h"

namespace retorno::sql {

SqlTx::SqlTx(Db& db)
    : accounts_(db),
      parties_(db),
      followups_(db),
      followup_queries_(db),
      messaging_(db),
      sales_(db),
      jobs_(db),
      reports_(db),
      attendance_(db) {}

}  // namespace retorno::sql
