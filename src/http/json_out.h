// A streaming JSON writer for the responses read most often (a follow-up, the agenda,
// the calendar's day). It writes straight into one buffer, where building a
// nlohmann::json tree first cost a map node and a string per field and was a third of
// the time of GET /api/v1/followups/{id} (ADR 0011). Cold responses keep nlohmann.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace retorno {

class JsonWriter {
 public:
  // 4 KiB to start: a follow-up's page fits, so the buffer is not grown four times from
  // RapidJSON's 256 bytes on every response.
  JsonWriter() : buffer_(nullptr, 4096), writer_(buffer_) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // body() writes the members (Field) or elements (Value) in between.
  template <class Body>
  void Object(Body&& body) {
    writer_.StartObject();
    body();
    writer_.EndObject();
  }
  template <class Body>
  void Array(Body&& body) {
    writer_.StartArray();
    body();
    writer_.EndArray();
  }

  JsonWriter& Key(std::string_view key) {
    writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    return *this;
  }

  void Null() { writer_.Null(); }
  void Value(std::nullptr_t) { writer_.Null(); }
  void Value(std::string_view s) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  void Value(const std::string& s) { Value(std::string_view(s)); }
  void Value(const char* s) { Value(std::string_view(s)); }
  void Value(bool b) { writer_.Bool(b); }
  void Value(double d) { writer_.Double(d); }
  template <class Int>
  requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) void Value(Int i) {
    writer_.Int64(static_cast<int64_t>(i));
  }
  template <class T>
  void Value(const std::optional<T>& v) {
    if (v)
      Value(*v);
    else
      writer_.Null();
  }

  template <class T>
  void Field(std::string_view key, const T& value) {
    Key(key);
    Value(value);
  }

  // The text written so far; the writer is spent afterwards.
  std::string Take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace retorno
