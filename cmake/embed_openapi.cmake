# Writes OUT, a C++ file defining Api::OpenApiDocument() with the text of IN.
file(READ ${IN} text)
set(delim "RETORNO_OPENAPI")
file(WRITE ${OUT} "#include \"http/api.h\"\nnamespace retorno {\nstd::string_view Api::OpenApiDocument() {\n  static const char kDoc[] = R\"${delim}(${text})${delim}\";\n  return {kDoc, sizeof(kDoc) - 1};\n}\n}  // namespace retorno\n")
