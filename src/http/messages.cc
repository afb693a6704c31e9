#include "http/messages.h"

#include <array>
#include <cctype>
#include <string>
#include <unordered_map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/strings.h"

namespace retorno {

namespace {

struct Text {
  const char* pt;
  const char* es;
  const char* en;
};

const std::unordered_map<std::string_view, Text>& Catalog() {
  static const auto* catalog = new std::unordered_map<std::string_view, Text>{
      // Field issues.
      {"required", {"Campo obrigatório.", "Campo obligatorio.", "This field is required."}},
      {"too_long", {"Texto longo demais.", "Texto demasiado largo.", "Too long."}},
      {"invalid_text",
       {"Texto com caracteres inválidos.", "Texto con caracteres no válidos.",
        "Text contains invalid characters."}},
      {"invalid_type",
       {"Tipo de valor inválido.", "Tipo de valor no válido.", "Wrong value type."}},
      {"invalid_value", {"Valor inválido.", "Valor no válido.", "Invalid value."}},
      {"invalid_date",
       {"Data inválida (use AAAA-MM-DD).", "Fecha no válida (use AAAA-MM-DD).",
        "Invalid date (use YYYY-MM-DD)."}},
      // A date in a file: spreadsheets write dates the Brazilian way as well.
      {"invalid_file_date",
       {"Data inválida (use dd/mm/aaaa ou aaaa-mm-dd).",
        "Fecha no válida (use dd/mm/aaaa o aaaa-mm-dd).",
        "Invalid date (use dd/mm/yyyy or yyyy-mm-dd)."}},
      {"invalid_time",
       {"Hora inválida (use HH:MM).", "Hora no válida (use HH:MM).", "Invalid time (use HH:MM)."}},
      {"invalid_instant",
       {"Data e hora inválidas (use RFC 3339 com fuso).",
        "Fecha y hora no válidas (use RFC 3339 con zona).",
        "Invalid date-time (use RFC 3339 with offset)."}},
      {"invalid_id", {"Identificador inválido.", "Identificador no válido.", "Invalid id."}},
      {"invalid_login",
       {"Login inválido (letras, números, . _ -).", "Usuario no válido (letras, números, . _ -).",
        "Invalid login (letters, digits, . _ -)."}},
      {"invalid_email", {"E-mail inválido.", "Correo electrónico no válido.", "Invalid e-mail."}},
      {"invalid_phone", {"Telefone inválido.", "Teléfono no válido.", "Invalid phone number."}},
      {"invalid_tax_id",
       {"CPF, CNPJ ou RFC inválido (confira os dígitos).",
        "RFC, CPF o CNPJ no válido (revise los dígitos).",
        "Invalid CPF, CNPJ or RFC (check the digits)."}},
      {"invalid_time_zone",
       {"Fuso horário desconhecido.", "Zona horaria desconocida.", "Unknown time zone."}},
      {"invalid_locale",
       {"Idioma não suportado (pt-BR, es, en).", "Idioma no soportado (pt-BR, es, en).",
        "Unsupported language (pt-BR, es, en)."}},
      {"invalid_code",
       {"Código inválido (letras, números, . _ -).", "Código no válido (letras, números, . _ -).",
        "Invalid code (letters, digits, . _ -)."}},
      {"invalid_cursor",
       {"Cursor de paginação inválido.", "Cursor de paginación no válido.",
        "Invalid pagination cursor."}},
      {"out_of_range",
       {"Valor fora do intervalo.", "Valor fuera de rango.", "Value out of range."}},
      {"password_too_short",
       {"A senha precisa de pelo menos 10 caracteres.",
        "La contraseña necesita al menos 10 caracteres.",
        "Password needs at least 10 characters."}},
      {"password_too_common",
       {"Senha comum demais: é uma palavra de dicionário ou está em listas de senhas conhecidas. "
        "Escolha outra.",
        "Contraseña demasiado común: es una palabra de diccionario o figura en listas de "
        "contraseñas conocidas. Elija otra.",
        "Password too common: it is a dictionary word or on lists of known passwords. Choose "
        "another."}},
      {"password_too_simple",
       {"Senha simples demais (sequência, repetição ou parecida com o login). Misture palavras, "
        "números e símbolos.",
        "Contraseña demasiado simple (secuencia, repetición o parecida al usuario). Combine "
        "palabras, números y símbolos.",
        "Password too simple (a sequence, a repetition, or like the login). Mix words, digits and "
        "symbols."}},
      {"line_break",
       {"Este campo tem uma linha só: tire as quebras de linha.",
        "Este campo es de una sola línea: quite los saltos de línea.",
        "This field is a single line: remove the line breaks."}},
      {"taken", {"Já está em uso.", "Ya está en uso.", "Already taken."}},
      {"unknown_placeholder",
       {"Marcador desconhecido ou malformado (#{...}); veja a lista de marcadores.",
        "Marcador desconocido o mal formado (#{...}); vea la lista de marcadores.",
        "Unknown or malformed placeholder (#{...}); see the list of placeholders."}},
      {"unknown_attachment",
       {"Anexo inexistente neste follow-up.", "Adjunto inexistente en este seguimiento.",
        "No such attachment on this follow-up."}},
      {"invalid_host", {"Servidor inválido.", "Servidor inválido.", "Invalid host."}},
      {"not_snoozable",
       {"Só lembretes de retornos planejados podem ser adiados.",
        "Solo se pueden posponer recordatorios de retornos planificados.",
        "Only reminders of planned returns can be snoozed."}},
      {"smtp_not_configured",
       {"O servidor de e-mail (SMTP) não está configurado.",
        "El servidor de correo (SMTP) no está configurado.",
        "The e-mail server (SMTP) is not set up."}},
      {"notification",
       {"Notificação inexistente.", "Notificación inexistente.", "No such notification."}},
      {"template", {"Modelo inexistente.", "Plantilla inexistente.", "No such template."}},
      {"calendar_feed",
       {"Calendário inexistente ou revogado.", "Calendario inexistente o revocado.",
        "No such calendar feed (revoked?)."}},
      {"catalog_item",
       {"Produto ou serviço inexistente.", "Producto o servicio inexistente.",
        "No such product or service."}},
      {"document", {"Documento inexistente.", "Documento inexistente.", "No such document."}},
      {"import", {"Importação inexistente.", "Importación inexistente.", "No such import."}},
      {"report_schedule",
       {"Agendamento de relatório inexistente.", "Programación de informe inexistente.",
        "No such report schedule."}},
      {"team_needs_supervisor",
       {"Só supervisores e administradores enviam relatórios à equipe.",
        "Solo supervisores y administradores envían informes al equipo.",
        "Only supervisors and admins send reports to their team."}},
      // Rights are per user (ADR 0040): the refusal names the missing right, not a role.
      {"forbidden_document",
       {"Você não tem o direito “Criar e alterar documentos”. Peça a um administrador.",
        "No tiene el derecho “Crear y modificar documentos”. Pídalo a un administrador.",
        "You do not have the “Create and change documents” right. Ask an admin."}},
      {"document_out_of_reach",
       {"Este documento é de outra filial ou de um cliente de outra pessoa.",
        "Este documento es de otra sucursal o de un cliente de otra persona.",
        "This document belongs to another branch or to someone else's customer."}},
      {"assignee_cannot_chain",
       {"Você conclui ou reagenda o retorno atribuído a você; o próximo retorno fica com o "
        "responsável pelo follow-up.",
        "Usted concluye o reprograma la actividad asignada a usted; la siguiente queda con el "
        "responsable del seguimiento.",
        "You complete or reschedule the return assigned to you; the next return is for the "
        "follow-up's owner."}},
      {"unknown_document",
       {"Documento inexistente.", "Documento inexistente.", "No such document."}},
      {"document_of_other_party",
       {"O documento é de outro cliente.", "El documento es de otro cliente.",
        "The document belongs to another customer."}},
      {"only_when_completed",
       {"Só para documentos concluídos.", "Solo para documentos completados.",
        "Only for completed documents."}},
      {"before_date",
       {"Anterior à data do documento.", "Anterior a la fecha del documento.",
        "Before the document's date."}},
      {"immutable",
       {"Tipo e número não podem mudar.", "Tipo y número no pueden cambiar.",
        "Kind and number cannot change."}},
      {"invalid_number", {"Número inválido.", "Número inválido.", "Not a number."}},
      {"missing_column",
       {"Coluna obrigatória ausente no cabeçalho.",
        "Falta una columna obligatoria en el encabezado.",
        "A required column is missing from the header."}},
      {"csv_no_rows",
       {"O arquivo não tem linhas de dados.", "El archivo no tiene filas de datos.",
        "The file has no data rows."}},
      {"csv_empty", {"Arquivo vazio.", "Archivo vacío.", "The file is empty."}},
      {"csv_malformed",
       {"CSV malformado (aspas sem fechar?).", "CSV mal formado (¿comillas sin cerrar?).",
        "Malformed CSV (an unclosed quote?)."}},
      {"csv_encoding",
       {"Codificação do arquivo não reconhecida.", "Codificación del archivo no reconocida.",
        "Unrecognised file encoding."}},
      {"import_write_failed",
       {"Falha ao gravar este documento; tente de novo.",
        "Error al guardar este documento; intente de nuevo.",
        "Could not store this document; try again."}},
      {"no_categories",
       {"Cadastre uma categoria antes.", "Registre una categoría antes.", "Add a category first."}},
      {"too_many", {"Itens demais.", "Demasiados elementos.", "Too many items."}},
      {"unknown_branch", {"Filial inexistente.", "Sucursal inexistente.", "No such branch."}},
      {"unknown_user", {"Usuário inexistente.", "Usuario inexistente.", "No such user."}},
      {"unknown_party",
       {"Cliente/fornecedor inexistente.", "Cliente/proveedor inexistente.",
        "No such customer/supplier."}},
      {"unknown_code", {"Código não cadastrado.", "Código no registrado.", "Unknown code."}},
      {"unknown_field", {"Campo desconhecido.", "Campo desconocido.", "Unknown field."}},
      {"attachments_not_allowed",
       {"O tipo de atendimento deste follow-up não permite anexos.",
        "El tipo de atención de este seguimiento no admite adjuntos.",
        "This follow-up's attendance type does not allow attachments."}},
      {"unknown_attendance_type",
       {"Tipo de atendimento inexistente ou inativo.", "Tipo de atención inexistente o inactivo.",
        "No such active attendance type."}},
      {"no_standard_text",
       {"O tipo de atendimento não tem texto padrão.",
        "El tipo de atención no tiene texto estándar.",
        "The attendance type has no standard text."}},
      {"unknown_parameter",
       {"Parâmetro desconhecido.", "Parámetro desconocido.", "Unknown query parameter."}},
      {"empty_value",
       {"Informe um valor ou retire o parâmetro.", "Indique un valor o quite el parámetro.",
        "Give a value or leave the parameter out."}},
      {"not_null",
       {"Este campo não aceita nulo.", "Este campo no admite nulo.", "This field cannot be null."}},
      {"retired",
       {"Este código foi desativado e não pode ser usado em novos registros.",
        "Este código fue desactivado y no puede usarse en registros nuevos.",
        "This code is retired and cannot be used on new records."}},
      {"not_allowed",
       {"Você não pode atribuir a este usuário.", "No puede asignar a este usuario.",
        "You may not assign to this user."}},
      {"branch_not_allowed",
       {"Você só pode colocar clientes na sua própria filial.",
        "Solo puede poner clientes en su propia sucursal.",
        "You may only place customers in your own branch."}},
      {"in_future",
       {"A data não pode estar no futuro.", "La fecha no puede ser futura.",
        "The date cannot be in the future."}},
      {"in_past",
       {"A data de retorno não pode estar no passado.",
        "La fecha de seguimiento no puede ser pasada.", "The return date cannot be in the past."}},
      {"too_far", {"Data distante demais.", "Fecha demasiado lejana.", "Date too far ahead."}},
      {"before_from",
       {"O fim vem antes do início.", "El fin es anterior al inicio.", "End is before start."}},
      {"empty_file", {"Arquivo vazio.", "Archivo vacío.", "Empty file."}},
      // Whole-request problems.
      {"validation",
       {"Alguns campos precisam de correção.", "Algunos campos necesitan corrección.",
        "Some fields need correcting."}},
      {"malformed_json",
       {"O corpo da requisição não é JSON válido.", "El cuerpo de la solicitud no es JSON válido.",
        "The request body is not valid JSON."}},
      {"bad_request", {"Requisição inválida.", "Solicitud no válida.", "Bad request."}},
      {"bad_credentials",
       {"Login ou senha incorretos.", "Usuario o contraseña incorrectos.",
        "Wrong login or password."}},
      {"session",
       {"Sessão expirada ou ausente: entre novamente.", "Sesión vencida o ausente: inicie sesión.",
        "Session missing or expired: please sign in."}},
      {"csrf",
       {"Token CSRF ausente ou inválido.", "Token CSRF ausente o no válido.",
        "Missing or invalid CSRF token."}},
      {"rate_limited",
       {"Muitas tentativas sem sucesso. Aguarde o tempo indicado e tente de novo.",
        "Demasiados intentos fallidos. Espere el tiempo indicado y vuelva a intentarlo.",
        "Too many failed attempts. Wait the time shown and try again."}},
      {"exports_busy",
       {"Muitas exportações em andamento no servidor. Tente de novo em um minuto.",
        "Demasiadas exportaciones en curso en el servidor. Intente de nuevo en un minuto.",
        "Too many exports are under way on the server. Try again in a minute."}},
      {"mail_rate_limited",
       {"Limite de e-mails por hora do seu usuário atingido. Tente de novo mais tarde.",
        "Se alcanzó el límite de correos por hora de su usuario. Intente de nuevo más tarde.",
        "Your hourly e-mail limit has been reached. Try again later."}},
      {"too_large",
       {"Arquivo ou requisição grande demais (máx. 10 MB).",
        "Archivo o solicitud demasiado grande (máx. 10 MB).",
        "File or request too large (max 10 MB)."}},
      {"unsupported_media_type",
       {"Tipo de conteúdo não suportado.", "Tipo de contenido no soportado.",
        "Unsupported content type."}},
      {"cannot_deactivate_self",
       {"Você não pode desativar a si mesmo: peça a outro administrador.",
        "No puede desactivarse a sí mismo: pídalo a otro administrador.",
        "You cannot deactivate yourself: ask another administrator."}},
      {"wrong_password",
       {"A senha atual não confere.", "La contraseña actual no coincide.",
        "The current password does not match."}},
      {"confirmation_mismatch",
       {"O texto digitado não confere com o nome.", "El texto escrito no coincide con el nombre.",
        "What you typed does not match the name."}},
      {"invalid_key",
       {"Use de 1 a 40 letras minúsculas, números, _ ou -.",
        "Use de 1 a 40 letras minúsculas, números, _ o -.",
        "Use 1 to 40 lowercase letters, digits, _ or -."}},
      {"duplicate",
       {"Já existe outro item com esta chave.", "Ya existe otro elemento con esta clave.",
        "Another item has this key."}},
      {"not_one_line",
       {"Use uma linha de texto, sem quebras.", "Use una línea de texto, sin saltos.",
        "Use one line of text, without line breaks."}},
      {"unknown_step",
       {"Etapa inexistente neste workflow.", "Etapa inexistente en este flujo de trabajo.",
        "No such step in this workflow."}},
      {"start_not_situation",
       {"O workflow deve começar por uma situação.",
        "El flujo de trabajo debe empezar por una situación.",
        "The workflow must start at a situation."}},
      {"self_loop",
       {"A etapa não pode levar a ela mesma.", "La etapa no puede llevar a sí misma.",
        "A step cannot lead to itself."}},
      {"too_few_answers",
       {"Uma decisão precisa de ao menos duas respostas.",
        "Una decisión necesita al menos dos respuestas.",
        "A decision needs at least two answers."}},
      {"no_end",
       {"O workflow precisa de ao menos um fim.", "El flujo de trabajo necesita al menos un fin.",
        "The workflow needs at least one end."}},
      {"unreachable",
       {"Nenhum caminho do início chega a esta etapa.",
        "Ningún camino desde el inicio llega a esta etapa.",
        "No path from the start reaches this step."}},
      {"dead_end",
       {"Desta etapa não há caminho até um fim.", "Desde esta etapa no hay camino hasta un fin.",
        "No path leads from this step to an end."}},
      {"answer_required",
       {"Responda a esta decisão.", "Responda a esta decisión.", "Answer this decision."}},
      {"unknown_answer",
       {"Esta resposta não existe na decisão.", "Esta respuesta no existe en la decisión.",
        "This decision has no such answer."}},
      {"extra_answers",
       {"Respostas demais para o caminho escolhido.",
        "Demasiadas respuestas para el camino elegido.", "More answers than the path takes."}},
      {"no_workflow",
       {"Este atendimento não segue um workflow.", "Esta atención no sigue un flujo de trabajo.",
        "This follow-up follows no workflow."}},
      {"admin_only", {"Somente administradores.", "Solo administradores.", "Administrators only."}},
      {"forbidden_followup",
       {"Você não tem acesso a este follow-up.", "No tiene acceso a este seguimiento.",
        "You have no access to this follow-up."}},
      {"forbidden_party",
       {"Só o responsável, um supervisor da filial ou um administrador altera este cadastro.",
        "Solo el responsable, un supervisor de la sucursal o un administrador modifica este "
        "registro.",
        "Only its owner, a supervisor of its branch or an admin may change this record."}},
      {"discount_over_total",
       {"O desconto passa do total dos itens.", "El descuento supera el total de los artículos.",
        "The discount exceeds the items' total."}},
      {"supplier_document",
       {"Orçamentos, pedidos e vendas são para clientes, não para fornecedores.",
        "Las cotizaciones, pedidos y ventas son para clientes, no para proveedores.",
        "Quotes, orders and sales are for customers, not suppliers."}},
      {"document_not_convertible",
       {"Só um orçamento vira pedido e só um pedido vira venda.",
        "Solo una cotización pasa a pedido y solo un pedido pasa a venta.",
        "Only a quote becomes an order and only an order becomes a sale."}},
      {"document_not_open",
       {"O documento já foi convertido ou cancelado.",
        "El documento ya fue convertido o cancelado.",
        "The document was converted or cancelled already."}},
      {"reopen_excess_sale",
       {"O atendimento gerou a venda excedente $1 e não pode ser reaberto.",
        "El seguimiento generó la venta excedente $1 y no se puede reabrir.",
        "The follow-up produced the excess sale $1 and cannot be reopened."}},
      {"reopen_open_order",
       {"O atendimento tem o pedido de venda $1: cancele o pedido antes de reabrir.",
        "El seguimiento tiene el pedido $1: cancele el pedido antes de reabrir.",
        "The follow-up has the sales order $1: cancel the order before reopening."}},
      {"reopen_request_pending",
       {"Já há um pedido de reabertura aguardando o supervisor.",
        "Ya hay una solicitud de reapertura esperando al supervisor.",
        "A reopen request is already waiting for a supervisor."}},
      {"reopen_request_decided",
       {"Este pedido de reabertura já foi respondido.",
        "Esta solicitud de reapertura ya fue respondida.",
        "This reopen request was answered already."}},
      {"reopen_request",
       {"Pedido de reabertura não encontrado.", "Solicitud de reapertura no encontrada.",
        "Reopen request not found."}},
      {"reopen_needs_supervisor",
       {"Você não tem o direito “Reabrir follow-ups”. Peça a reabertura a um supervisor.",
        "No tiene el derecho “Reabrir seguimientos”. Pida la reapertura a un supervisor.",
        "You do not have the “Reopen follow-ups” right. Ask a supervisor to reopen it."}},
      {"filter_not_allowed",
       {"Você não pode ver os follow-ups desta pessoa ou filial.",
        "No puede ver los seguimientos de esta persona o sucursal.",
        "You may not see the follow-ups of this person or branch."}},
      {"scope_not_allowed",
       {"Você não pode ver esta agenda.", "No puede ver esta agenda.",
        "You may not see this agenda."}},
      {"missing_right",
       {"Você não tem permissão para esta ação. Peça a um administrador.",
        "No tiene permiso para esta acción. Pídalo a un administrador.",
        "You do not have the right to do this. Ask an admin."}},
      {"version",
       // One key for every versioned record (follow-ups, documents, parties).
       {"Outra pessoa alterou este registro antes de você. Recarregue e tente de novo.",
        "Otra persona modificó este registro antes que usted. Recargue e intente de nuevo.",
        "Someone else changed this record first. Reload and try again."}},
      {"if_match_required",
       {"Envie o cabeçalho If-Match com a versão.", "Envíe la cabecera If-Match con la versión.",
        "Send the If-Match header with the version."}},
      {"followup_closed",
       {"Este follow-up está concluído.", "Este seguimiento está concluido.",
        "This follow-up is closed."}},
      {"followup_not_closed",
       {"Este follow-up não está concluído.", "Este seguimiento no está concluido.",
        "This follow-up is not closed."}},
      {"action_not_planned",
       {"Este retorno já foi concluído ou cancelado.",
        "Esta actividad ya fue realizada o cancelada.",
        "This return is already done or cancelled."}},
      {"no_planned_return",
       {"Este follow-up não tem retorno planejado.",
        "Este seguimiento no tiene actividad planificada.",
        "This follow-up has no planned return."}},
      {"already_owner",
       {"Este follow-up já é dessa pessoa.", "Este seguimiento ya es de esa persona.",
        "This follow-up already belongs to that person."}},
      {"already_on_date",
       {"O próximo retorno já está nessa data.", "La próxima actividad ya está en esa fecha.",
        "The next return is already on that date."}},
      {"entry_published",
       {"Observações publicadas não podem ser alteradas.", "Las notas publicadas no se modifican.",
        "Published entries cannot be changed."}},
      {"user", {"Usuário não encontrado.", "Usuario no encontrado.", "User not found."}},
      {"party",
       {"Cliente/fornecedor não encontrado.", "Cliente/proveedor no encontrado.",
        "Customer/supplier not found."}},
      {"branch", {"Filial não encontrada.", "Sucursal no encontrada.", "Branch not found."}},
      {"code", {"Código não encontrado.", "Código no encontrado.", "Code not found."}},
      {"followup",
       {"Follow-up não encontrado.", "Seguimiento no encontrado.", "Follow-up not found."}},
      {"action", {"Retorno não encontrado.", "Actividad no encontrada.", "Return not found."}},
      {"entry", {"Observação não encontrada.", "Nota no encontrada.", "Entry not found."}},
      {"attachment", {"Anexo não encontrado.", "Adjunto no encontrado.", "Attachment not found."}},
      {"attendance_type",
       {"Tipo de atendimento não encontrado.", "Tipo de atención no encontrado.",
        "Attendance type not found."}},
      {"questionnaire",
       {"Questionário não encontrado.", "Cuestionario no encontrado.", "Questionnaire not found."}},
      {"not_found", {"Não encontrado.", "No encontrado.", "Not found."}},
      {"method_not_allowed",
       {"Este endereço não aceita esta operação.", "Esta dirección no acepta esta operación.",
        "This address does not take this method."}},
      {"request_timeout",
       {"A requisição demorou demais para chegar.", "La solicitud tardó demasiado en llegar.",
        "The request took too long to arrive."}},
      {"headers_too_large",
       {"Cabeçalhos da requisição grandes demais.",
        "Encabezados de la solicitud demasiado grandes.", "Request headers too large."}},
      {"unavailable",
       {"Serviço temporariamente indisponível.", "Servicio no disponible temporalmente.",
        "Service temporarily unavailable."}},
      {"internal",
       {"Erro interno. Tente novamente.", "Error interno. Intente de nuevo.",
        "Internal error. Please try again."}},
  };
  return *catalog;
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // Weights are rarely used by browsers in a way that changes the first choice; take
  // the first supported tag in order.
  for (absl::string_view part : absl::StrSplit(ToAbsl(header), ',')) {
    std::string tag =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(part.substr(0, part.find(';'))));
    if (tag.starts_with("pt")) return Lang::kPtBr;
    if (tag.starts_with("es")) return Lang::kEs;
    if (tag.starts_with("en")) return Lang::kEn;
  }
  return Lang::kPtBr;
}

std::string_view LangTag(Lang lang) {
  switch (lang) {
    case Lang::kPtBr:
      return "pt-BR";
    case Lang::kEs:
      return "es";
    case Lang::kEn:
      return "en";
  }
  return "pt-BR";
}

std::string Message(std::string_view key, Lang lang) {
  // "missing_value:<token>": a template value the follow-up lacks (manual 002).
  constexpr std::string_view kMissing = "missing_value:";
  if (key.substr(0, kMissing.size()) == kMissing) {
    const std::string token = "#{" + std::string(key.substr(kMissing.size())) + "}";
    switch (lang) {
      case Lang::kPtBr:
        return "Falta o valor de " + token + " neste follow-up: a mensagem não será enviada.";
      case Lang::kEs:
        return "Falta el valor de " + token + " en este seguimiento: el mensaje no se enviará.";
      case Lang::kEn:
        return "This follow-up has no value for " + token + ": the message will not be sent.";
    }
  }
  // "missing_variable:<token>": a value a proposal needs and the follow-up, the chosen
  // document or the form lacks (manual 003): nothing is made.
  constexpr std::string_view kMissingVariable = "missing_variable:";
  if (key.substr(0, kMissingVariable.size()) == kMissingVariable) {
    const std::string token = "#{" + std::string(key.substr(kMissingVariable.size())) + "}";
    switch (lang) {
      case Lang::kPtBr:
        return "Falta o valor de " + token + ": a proposta não foi feita.";
      case Lang::kEs:
        return "Falta el valor de " + token + ": la propuesta no se hizo.";
      case Lang::kEn:
        return "There is no value for " + token + ": the proposal was not made.";
    }
  }
  // "unknown_placeholder:<name>": a layout names a variable that does not exist
  // (manual 003: the template is checked on save).
  constexpr std::string_view kUnknown = "unknown_placeholder:";
  if (key.substr(0, kUnknown.size()) == kUnknown) {
    const std::string token = "#{" + std::string(key.substr(kUnknown.size())) + "}";
    switch (lang) {
      case Lang::kPtBr:
        return "A variável " + token + " não existe: veja \"Consultar variáveis\".";
      case Lang::kEs:
        return "La variable " + token + " no existe: vea \"Consultar variables\".";
      case Lang::kEn:
        return "There is no variable " + token + ": see \"Variables\".";
    }
  }
  auto it = Catalog().find(key);
  if (it == Catalog().end()) {
    switch (lang) {
      case Lang::kPtBr:
        return "Erro: " + std::string(key);
      case Lang::kEs:
        return "Error: " + std::string(key);
      case Lang::kEn:
        return "Error: " + std::string(key);
    }
  }
  switch (lang) {
    case Lang::kPtBr:
      return it->second.pt;
    case Lang::kEs:
      return it->second.es;
    case Lang::kEn:
      return it->second.en;
  }
  return it->second.pt;
}

bool HasMessage(std::string_view key) { return Catalog().contains(key); }

}  // namespace retorno
