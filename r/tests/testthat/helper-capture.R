# The exact bytes `expr` writes on R's output (through a sink into a file).
written <- function(expr) {
  path <- tempfile()
  con <- file(path, open = "wb")
  sink(con)
  tryCatch(force(expr), finally = {
    sink()
    close(con)
  })
  on.exit(unlink(path))
  size <- file.size(path)
  if (size == 0) "" else readChar(path, size, useBytes = TRUE)
}

# The one line an outputs call writes for `value`, without "::" and "\n".
outputs_of <- function(value) {
  line <- written(Kestra$outputs(value))
  expect_match(line, "^::\\{\"outputs\":.*\\}::\n$")
  sub("^::\\{\"outputs\":(.*)\\}::\n$", "\\1", line)
}
