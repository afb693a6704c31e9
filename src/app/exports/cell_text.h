// A cell's text appended to a buffer, for a writer that lays out many rows in one
// (the CSV's, ADR 0044): what CellText (export_writer.h) returns, without a string per
// cell.
#pragma once

#include <string>

#include "app/exports/export_writer.h"

namespace retorno {

void AppendCellText(std::string& out, const ExportCell& c, const ExportLocale& locale);

}  // namespace retorno
