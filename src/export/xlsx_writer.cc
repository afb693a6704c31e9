// XLSX through libxlsxwriter in constant_memory mode: each row is flushed to the
// library's temporary file when the next one starts, so memory does not grow with the
// row count. The zip can only be assembled at the end, into a temporary file of ours,
// which is then streamed to the sink and removed. The first sheet is the table
// (headers on the first row, so Excel's filters work at once); the second holds the
// title, the company and the filters.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "export/writers.h"

namespace retorno {

namespace {

class XlsxWriter final : public ExportWriter {
 public:
  XlsxWriter(const ExportLocale& locale, ExportSink& sink, std::string temp_dir)
      : locale_(locale), sink_(sink), temp_dir_(std::move(temp_dir)) {}
  ~XlsxWriter() override {
    if (book_ != nullptr) workbook_close(book_);
    if (!path_.empty()) std::remove(path_.c_str());
  }

  absl::Status Begin(const ExportHead& head) override {
    std::string dir = temp_dir_;
    if (dir.empty()) {
      std::error_code ec;
      dir = std::filesystem::temp_directory_path(ec).string();
      if (ec) dir = "/tmp";
    }
    std::string name = absl::StrCat(dir, "/retorno-export-XXXXXX");
    int fd = mkstemp(name.data());
    if (fd < 0) return absl::InternalError(absl::StrCat("xlsx: no temporary file in ", dir));
    close(fd);
    path_ = name;
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = dir.data();
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (book_ == nullptr) return absl::InternalError("xlsx: workbook_new_opt failed");
    sheet_ = workbook_add_worksheet(book_, SheetName(head.title).c_str());
    lxw_worksheet* about = workbook_add_worksheet(book_, nullptr);
    if (sheet_ == nullptr || about == nullptr)
      return absl::InternalError("xlsx: workbook_add_worksheet failed");
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, locale_.day_first ? "dd/mm/yyyy" : "mm/dd/yyyy");
    date_time_ = workbook_add_format(book_);
    format_set_num_format(date_time_, locale_.day_first ? "dd/mm/yyyy hh:mm" : "mm/dd/yyyy hh:mm");

    for (size_t i = 0; i < head.columns.size(); ++i) {
      const double w = i < head.widths.size() ? head.widths[i] : 1.0;
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), 8 + 10 * w,
                           nullptr);
      worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(i), head.columns[i].c_str(), bold_);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;

    worksheet_set_column(about, 0, 0, 24, nullptr);
    worksheet_set_column(about, 1, 1, 60, nullptr);
    lxw_row_t r = 0;
    worksheet_write_string(about, r, 0, head.company.c_str(), bold_);
    worksheet_write_string(about, ++r, 0, head.title.c_str(), bold_);
    for (const auto& [label, value] : head.filters) {
      worksheet_write_string(about, ++r, 0, label.c_str(), nullptr);
      worksheet_write_string(about, r, 1, value.c_str(), nullptr);
    }
    return absl::OkStatus();
  }

  absl::Status Row(const ExportRow& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      const ExportCell& c = row[i];
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error err = LXW_NO_ERROR;
      switch (c.kind) {
        case ExportCell::Kind::kText:
          if (!c.text.empty())
            err = worksheet_write_string(sheet_, row_, col, c.text.c_str(), nullptr);
          break;
        case ExportCell::Kind::kNumber:
          err = worksheet_write_number(sheet_, row_, col, c.number, nullptr);
          break;
        case ExportCell::Kind::kDate: {
          lxw_datetime d = {static_cast<int>(c.date.year()), c.date.month(), c.date.day(), 0, 0, 0};
          err = worksheet_write_datetime(sheet_, row_, col, &d, date_);
          break;
        }
        case ExportCell::Kind::kDateTime: {
          const absl::CivilMinute& t = c.date_time;
          lxw_datetime d = {
              static_cast<int>(t.year()), t.month(), t.day(), t.hour(), t.minute(), 0};
          err = worksheet_write_datetime(sheet_, row_, col, &d, date_time_);
          break;
        }
      }
      if (err != LXW_NO_ERROR)
        return absl::InternalError(absl::StrCat("xlsx: ", lxw_strerror(err)));
    }
    ++row_;
    return absl::OkStatus();
  }

  absl::Status End() override {
    lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) return absl::InternalError(absl::StrCat("xlsx: ", lxw_strerror(err)));
    FILE* f = std::fopen(path_.c_str(), "rb");
    if (f == nullptr) return absl::InternalError("xlsx: the finished file cannot be read");
    std::string buffer(64 * 1024, '\0');
    absl::Status status = absl::OkStatus();
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), f)) {
      if (!sink_.Write(std::string_view(buffer.data(), n))) {
        status = absl::CancelledError("the reader went away");
        break;
      }
    }
    std::fclose(f);
    return status;
  }

 private:
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  static std::string SheetName(const std::string& title) {
    std::string s;
    for (char ch : title)
      if (std::string_view("[]:*?/\\").find(ch) == std::string_view::npos) s.push_back(ch);
    if (s.size() > 31) {
      s.resize(31);
      // Do not leave half of a UTF-8 sequence at the end.
      while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
      if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
    }
    return s.empty() ? "Sheet1" : s;
  }

  ExportLocale locale_;
  ExportSink& sink_;
  std::string temp_dir_;
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* date_time_ = nullptr;
  lxw_row_t row_ = 0;
};

}  // namespace

std::unique_ptr<ExportWriter> MakeXlsxWriter(const ExportLocale& locale, ExportSink& sink,
                                             const std::string& temp_dir) {
  return std::make_unique<XlsxWriter>(locale, sink, temp_dir);
}

}  // namespace retorno
