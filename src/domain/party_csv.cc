#include "domain/party_csv.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "domain/search.h"

namespace retorno {

namespace {

struct Names {
  PartyColumn column;
  std::vector<std::string_view> names;  // folded, '_' for spaces and hyphens
};

// Headers as ERPs and spreadsheets of Brazil and Mexico write them. English first.
const std::vector<Names>& HeaderNames() {
  static const auto* names = new std::vector<Names>{
      {PartyColumn::kCode,
       {"code", "codigo", "cod", "codigo_externo", "codigo_erp", "clave", "clave_cliente"}},
      {PartyColumn::kKind, {"kind", "type", "tipo", "tipo_pessoa", "tipo_de_cliente"}},
      {PartyColumn::kName,
       {"name", "nome", "nombre", "razao_social", "razon_social", "nome_fantasia"}},
      {PartyColumn::kTaxId,
       {"tax_id", "cpf_cnpj", "cnpj_cpf", "cpf/cnpj", "cnpj/cpf", "cpf", "cnpj", "rfc", "documento",
        "documento_fiscal"}},
      {PartyColumn::kEmail, {"email", "e_mail", "correo", "correo_electronico"}},
      {PartyColumn::kPhone, {"phone", "telefone", "telefono", "fone", "celular"}},
      {PartyColumn::kWhatsapp, {"whatsapp", "whats_app"}},
      {PartyColumn::kBirthday,
       {"birthday", "nascimento", "data_nascimento", "data_de_nascimento", "aniversario",
        "fecha_nacimiento", "fecha_de_nacimiento", "cumpleanos"}},
      {PartyColumn::kBranch, {"branch", "filial", "sucursal"}},
      {PartyColumn::kOwner, {"owner", "responsavel", "agente", "vendedor", "ejecutivo"}},
      {PartyColumn::kContactName,
       {"contact_name", "contact", "contato", "contacto", "nome_contato", "nome_do_contato",
        "nombre_contacto", "nombre_del_contacto"}},
      {PartyColumn::kContactEmail,
       {"contact_email", "email_contato", "e_mail_contato", "email_do_contato", "correo_contacto",
        "email_contacto", "correo_del_contacto"}},
      {PartyColumn::kContactPhone,
       {"contact_phone", "telefone_contato", "telefone_do_contato", "telefono_contacto",
        "telefono_del_contacto", "celular_contato", "celular_contacto"}},
      {PartyColumn::kContactWhatsapp,
       {"contact_whatsapp", "whatsapp_contato", "whatsapp_do_contato", "whatsapp_contacto",
        "whatsapp_del_contacto"}},
      {PartyColumn::kContactBirthday,
       {"contact_birthday", "nascimento_contato", "nascimento_do_contato", "aniversario_contato",
        "aniversario_contacto", "cumpleanos_contacto", "fecha_nacimiento_contacto"}},
  };
  return *names;
}

std::string HeaderKey(std::string_view header) {
  std::string k = FoldForSearch(header);
  std::replace(k.begin(), k.end(), ' ', '_');
  std::replace(k.begin(), k.end(), '-', '_');
  return k;
}

}  // namespace

std::string_view ToString(PartyColumn c) {
  switch (c) {
    case PartyColumn::kCode:
      return "code";
    case PartyColumn::kKind:
      return "kind";
    case PartyColumn::kName:
      return "name";
    case PartyColumn::kTaxId:
      return "tax_id";
    case PartyColumn::kEmail:
      return "email";
    case PartyColumn::kPhone:
      return "phone";
    case PartyColumn::kWhatsapp:
      return "whatsapp";
    case PartyColumn::kBirthday:
      return "birthday";
    case PartyColumn::kBranch:
      return "branch";
    case PartyColumn::kOwner:
      return "owner";
    case PartyColumn::kContactName:
      return "contact_name";
    case PartyColumn::kContactEmail:
      return "contact_email";
    case PartyColumn::kContactPhone:
      return "contact_phone";
    case PartyColumn::kContactWhatsapp:
      return "contact_whatsapp";
    case PartyColumn::kContactBirthday:
      return "contact_birthday";
  }
  return "";
}

const std::array<PartyColumn, kPartyColumnCount>& AllPartyColumns() {
  static constexpr std::array<PartyColumn, kPartyColumnCount> all = {
      PartyColumn::kCode,           PartyColumn::kKind,
      PartyColumn::kName,           PartyColumn::kTaxId,
      PartyColumn::kEmail,          PartyColumn::kPhone,
      PartyColumn::kWhatsapp,       PartyColumn::kBirthday,
      PartyColumn::kBranch,         PartyColumn::kOwner,
      PartyColumn::kContactName,    PartyColumn::kContactEmail,
      PartyColumn::kContactPhone,   PartyColumn::kContactWhatsapp,
      PartyColumn::kContactBirthday};
  return all;
}

std::optional<PartyColumn> PartyColumnOf(std::string_view header) {
  const std::string key = HeaderKey(header);
  for (const Names& n : HeaderNames())
    if (std::find(n.names.begin(), n.names.end(), key) != n.names.end()) return n.column;
  return std::nullopt;
}

PartyCsvLayout LayoutOfPartyCsv(const std::vector<std::string>& header,
                                std::vector<std::string>* repeated) {
  PartyCsvLayout layout;
  layout.index.fill(-1);
  for (size_t i = 0; i < header.size(); ++i) {
    std::optional<PartyColumn> c = PartyColumnOf(header[i]);
    if (!c) continue;
    int& at = layout.index[static_cast<size_t>(*c)];
    if (at < 0)
      at = static_cast<int>(i);
    else if (repeated != nullptr)
      repeated->push_back(header[i]);
  }
  return layout;
}

std::string PartyCsvHeader(const CsvTable& t, const PartyCsvLayout& layout, PartyColumn c) {
  const int i = layout.index[static_cast<size_t>(c)];
  if (i >= 0 && static_cast<size_t>(i) < t.header.size()) return t.header[i];
  return std::string(ToString(c));
}

std::optional<PartyKind> ParsePartyKindWord(std::string_view s) {
  const std::string k = FoldForSearch(s);
  if (k == "customer" || k == "cliente") return PartyKind::kCustomer;
  if (k == "supplier" || k == "fornecedor" || k == "proveedor") return PartyKind::kSupplier;
  if (k == "prospect" || k == "prospecto") return PartyKind::kProspect;
  return std::nullopt;
}

std::optional<bool> ParseYesNo(std::string_view s) {
  const std::string k = FoldForSearch(s);
  if (k == "sim" || k == "si" || k == "s" || k == "yes" || k == "y" || k == "1" || k == "x" ||
      k == "true")
    return true;
  if (k == "nao" || k == "no" || k == "n" || k == "0" || k == "false") return false;
  return std::nullopt;
}

PartyCsvLine ParsePartyCsvLine(const CsvTable& t, const CsvRecord& r,
                               const PartyCsvLayout& layout) {
  PartyCsvLine out;
  out.line = r.line;
  auto value = [&](PartyColumn c) -> std::optional<std::string> {
    const int i = layout.index[static_cast<size_t>(c)];
    if (i < 0 || static_cast<size_t>(i) >= r.fields.size()) return std::nullopt;
    std::string v(absl::StripAsciiWhitespace(r.fields[i]));
    if (v.empty()) return std::nullopt;
    return v;
  };
  auto error = [&](PartyColumn c, std::string key) {
    out.errors.push_back({r.line, PartyCsvHeader(t, layout, c), std::move(key)});
  };
  auto date = [&](PartyColumn c) -> std::optional<absl::CivilDay> {
    std::optional<std::string> v = value(c);
    if (!v) return std::nullopt;
    std::optional<absl::CivilDay> d = ParseCsvDate(*v);
    if (!d) error(c, "invalid_file_date");
    return d;
  };
  // A number, or yes (the phone of `phone`) or no (none).
  auto whatsapp = [&](PartyColumn c,
                      const std::optional<std::string>& phone) -> std::optional<std::string> {
    std::optional<std::string> v = value(c);
    if (!v) return std::nullopt;
    if (std::optional<bool> yes = ParseYesNo(*v)) {
      if (!*yes) return std::string();
      if (!phone) {
        error(c, "invalid_value");
        return std::nullopt;
      }
      return phone;
    }
    return v;
  };
  out.code = value(PartyColumn::kCode);
  if (std::optional<std::string> k = value(PartyColumn::kKind)) {
    out.kind = ParsePartyKindWord(*k);
    if (!out.kind) error(PartyColumn::kKind, "invalid_value");
  }
  out.name = value(PartyColumn::kName);
  out.tax_id = value(PartyColumn::kTaxId);
  out.email = value(PartyColumn::kEmail);
  out.phone = value(PartyColumn::kPhone);
  out.whatsapp = whatsapp(PartyColumn::kWhatsapp, out.phone);
  out.birthday = date(PartyColumn::kBirthday);
  out.branch = value(PartyColumn::kBranch);
  out.owner = value(PartyColumn::kOwner);
  out.contact_name = value(PartyColumn::kContactName);
  out.contact_email = value(PartyColumn::kContactEmail);
  out.contact_phone = value(PartyColumn::kContactPhone);
  out.contact_whatsapp = whatsapp(PartyColumn::kContactWhatsapp, out.contact_phone);
  out.contact_birthday = date(PartyColumn::kContactBirthday);
  out.has_contact = out.contact_name.has_value() || out.contact_email.has_value();
  if (!out.has_contact && (out.contact_phone || out.contact_whatsapp || out.contact_birthday))
    error(PartyColumn::kContactName, "required");
  if (!out.code && !out.tax_id) {
    error(layout.Has(PartyColumn::kCode) ? PartyColumn::kCode : PartyColumn::kTaxId, "required");
  }
  return out;
}

}  // namespace retorno
