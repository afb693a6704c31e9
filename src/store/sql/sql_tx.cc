#include "store/sql/sql_tx.h"

namespace retorno::sql {

SqlTx::SqlTx(Db& db)
    : db_(db),
      accounts_(db),
      parties_(db),
      followups_(db),
      followup_queries_(db),
      messaging_(db),
      sales_(db),
      jobs_(db),
      reports_(db),
      audit_(db),
      privacy_(db),
      report_schedules_(db),
      attendance_(db),
      workflow_(db),
      questionnaires_(db) {}

}  // namespace retorno::sql
