#' Send outputs to Kestra
#'
#' Writes one line, `::{"outputs":{...}}::`, on R's standard output (the current
#' [sink()], so [capture.output()] sees it too), in one write, flushed. Downstream
#' tasks read each value as `{{ outputs.<task>.vars.<key> }}`.
#'
#' Values convert as with `jsonlite::toJSON(x, auto_unbox = TRUE)`: a named list
#' (or named vector) is an object, an unnamed list an array, a vector of length 1
#' a scalar and a longer one an array (`I(x)` keeps a length-1 vector an array),
#' `NULL` and `NA` are `null`, integers stay integers, a double with an integral
#' value (|x| <= 2^53 - 1) is written as an integer as jsonlite writes it, bit64's
#' `integer64` is an integer, factors
#' are their labels, `Date` and `POSIXct` are ISO-8601 text (`POSIXct` in UTC:
#' `"2026-11-21T10:30:00Z"`), a data.frame is an array of row objects and a
#' matrix an array of rows. `NaN`, `Inf`, functions, environments and other types
#' raise an error naming the place (`outputs['rows'][2]`, counted from 0).
#'
#' @param outputs A named list of values.
#' @return `outputs`, invisibly (so the call fits in a pipe).
#' @section Errors: A bad value raises a condition of class `kestra_<kind>_error`
#'   (see [kestra_error]) and nothing is written.
#' @examples
#' kestra_outputs(list(rows = 42L, ratio = 0.5, when = as.Date("2026-11-21")))
#' Kestra$outputs(list(status = "ok", ids = 1:3))
#' @export
kestra_outputs <- function(outputs) {
  .Call(kr_outputs, outputs)
  invisible(outputs)
}

#' Send outputs that Kestra Enterprise stores encrypted
#'
#' Writes one line, `::{"encryptedOutputs":{...}}::`: Kestra Enterprise stores
#' these outputs encrypted; the open-source server ignores the key and keeps
#' nothing. Values convert as in [kestra_outputs()], with the same rules and
#' errors (their place reads `encryptedOutputs['key']`).
#'
#' @param outputs A named list of values.
#' @return `outputs`, invisibly.
#' @examples
#' kestra_encrypted_outputs(list(token = "s3cr3t"))
#' @export
kestra_encrypted_outputs <- function(outputs) {
  .Call(kr_encrypted_outputs, outputs)
  invisible(outputs)
}

#' Send outputs given as JSON text
#'
#' The text must hold one JSON object; it is read strictly and written in the
#' same canonical form as [kestra_outputs()] writes (its numbers keep their form:
#' `1.0` stays `1.0`).
#'
#' @param text A JSON text, a character string.
#' @return `text`, invisibly.
#' @examples
#' kestra_outputs_json('{"rows": 42, "ratio": 1.0}')
#' @export
kestra_outputs_json <- function(text) {
  .Call(kr_outputs_json, text)
  invisible(text)
}

#' Send assets to Kestra
#'
#' @param assets A named list with `inputs` and/or `outputs`, each a list of
#'   asset descriptions (named lists with `id`, and optionally `namespace`,
#'   `type`, ...).
#' @return `assets`, invisibly.
#' @examples
#' kestra_assets(list(outputs = list(list(id = "sales", type = "TABLE"))))
#' @export
kestra_assets <- function(assets) {
  .Call(kr_assets, assets)
  invisible(assets)
}

#' The line of a whole protocol message
#'
#' Checks a message with the server's rules and returns its line, without
#' writing it.
#'
#' @param message A named list whose names are among `outputs`, `metrics`,
#'   `logs` and `assets`, as the server reads them.
#' @return The line, `"::{...}::"`, as a character string (without a newline).
#' @examples
#' kestra_format(list(outputs = list(a = 1L)))
#' @export
kestra_format <- function(message) .Call(kr_format, message)
