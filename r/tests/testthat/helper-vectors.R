# Reads the shared test vectors (tests/vectors/*.json, copied into
# tests/testthat/vectors by tools/build-tarball.sh) into R calls. See
# tests/vectors/README.md for the format. The cross-language runner's R producer
# (tests/conformance/producers/r_producer.R) sources this file too.

vector_dir <- function() {
  staged <- testthat::test_path("vectors")
  if (dir.exists(staged)) staged else Sys.getenv("KESTRA_VECTORS", "../../../tests/vectors")
}

# A condition meaning "this language cannot express the vector", with the reason.
not_expressible <- function(reason) {
  stop(structure(class = c("not_expressible", "error", "condition"),
                 list(message = reason, call = NULL)))
}

# jsonlite cuts a string at "\u0000" (R strings cannot hold NUL): such escapes
# (after an even number of backslashes) become this noncharacter, and a string
# holding it is not expressible.
NUL_MARK <- "\uFDD0"

read_vector_file <- function(path) {
  text <- paste(readLines(path, encoding = "UTF-8", warn = FALSE), collapse = "\n")
  text <- gsub("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000", "\\1\\\\ufdd0", text, perl = TRUE)
  jsonlite::parse_json(text, simplifyVector = FALSE)
}

load_vectors <- function(dir = vector_dir()) {
  files <- sort(list.files(dir, pattern = "\\.json$", full.names = TRUE))
  if (!length(files)) stop("no vectors in ", dir)
  out <- list()
  for (path in files) {
    data <- read_vector_file(path)
    for (i in seq_along(data$vectors)) {
      v <- data$vectors[[i]]
      v$area <- data$area
      v$file <- basename(path)
      v$index <- i - 1L
      out[[length(out) + 1L]] <- v
    }
  }
  out
}

# UTF-16 code units -> the UTF-8 bytes of the code points, a lone surrogate as its
# 3-byte form (which the core refuses as invalid UTF-8), as the C runner does.
utf16_string <- function(units) {
  units <- as.integer(unlist(units))
  points <- integer(0)
  i <- 1L
  while (i <= length(units)) {
    u <- units[i]
    nxt <- if (i < length(units)) units[i + 1L] else NA_integer_
    if (u >= 0xD800 && u <= 0xDBFF && !is.na(nxt) && nxt >= 0xDC00 && nxt <= 0xDFFF) {
      points <- c(points, 0x10000L + (u - 0xD800L) * 1024L + (nxt - 0xDC00L))
      i <- i + 2L
    } else {
      points <- c(points, u)
      i <- i + 1L
    }
  }
  if (any(points == 0L)) not_expressible("a string holding NUL (R strings cannot)")
  bytes <- unlist(lapply(points, utf8_bytes))
  s <- rawToChar(as.raw(bytes))
  Encoding(s) <- if (all(points < 0xD800 | points > 0xDFFF)) "UTF-8" else "bytes"
  s
}

# TRUE when `x` (a vector's args and options) holds a $utf16 string with an unpaired
# surrogate. R strings are bytes, so utf16_string gives it in its 3-byte form, which
# the core refuses as invalid UTF-8: the same kind and field, not the vector's message.
has_lone_surrogate <- function(x) {
  if (!is.list(x)) return(FALSE)
  if (length(x) == 1L && identical(names(x), "$utf16")) {
    units <- as.integer(unlist(x[[1L]]))
    i <- 1L
    while (i <= length(units)) {
      u <- units[i]
      nxt <- if (i < length(units)) units[i + 1L] else NA_integer_
      if (u >= 0xD800 && u <= 0xDBFF && !is.na(nxt) && nxt >= 0xDC00 && nxt <= 0xDFFF) {
        i <- i + 2L
      } else if (u >= 0xD800 && u <= 0xDFFF) {
        return(TRUE)
      } else {
        i <- i + 1L
      }
    }
    return(FALSE)
  }
  any(vapply(x, has_lone_surrogate, NA))
}

utf8_bytes <- function(p) {
  if (p < 0x80) return(p)
  if (p < 0x800) return(c(0xC0 + p %/% 64, 0x80 + p %% 64))
  if (p < 0x10000) return(c(0xE0 + p %/% 4096, 0x80 + (p %/% 64) %% 64, 0x80 + p %% 64))
  c(0xF0 + p %/% 262144, 0x80 + (p %/% 4096) %% 64, 0x80 + (p %/% 64) %% 64, 0x80 + p %% 64)
}

big_int <- function(text) {
  value <- as.numeric(text)
  if (abs(value) <= .Machine$integer.max) return(as.integer(value))
  if (abs(value) < 2^53) return(value)  # exact in a double, written as an integer
  int64 <- integer64(text)
  if (is.null(int64)) not_expressible("an integer past +-(2^63 - 1), the range of bit64's integer64 (R's widest)")
  int64
}

# Decimal text -> bit64's integer64 (an int64_t in the bits of a double), built
# without bit64 from 16-bit limbs; NULL past +-(2^63 - 1).
integer64 <- function(text) {
  negative <- startsWith(text, "-")
  digits <- as.integer(strsplit(sub("^-", "", text), "")[[1L]])
  limbs <- c(0, 0, 0, 0, 0)  # little-endian, 16 bits each; the fifth catches overflow
  for (d in digits) {
    carry <- d
    for (k in 1:5) {
      t <- limbs[k] * 10 + carry
      limbs[k] <- t %% 65536
      carry <- t %/% 65536
    }
    if (carry > 0 || limbs[5] > 0) return(NULL)
  }
  # |n| <= 2^63 - 1 (bits 48 to 63 below 2^15): bit64 keeps -2^63 for its NA
  if (limbs[4] >= 32768) return(NULL)
  if (negative) {  # two's complement: invert the limbs, add one
    limbs <- 65535 - limbs[1:4]
    carry <- 1
    for (k in 1:4) {
      t <- limbs[k] + carry
      limbs[k] <- t %% 65536
      carry <- t %/% 65536
    }
  }
  bytes <- as.raw(c(rbind(limbs[1:4] %% 256, limbs[1:4] %/% 256)))
  structure(readBin(bytes, "double", n = 1L, size = 8L, endian = "little"), class = "integer64")
}

special <- function(key, arg) {
  switch(key,
    "$float" = switch(arg, nan = NaN, inf = Inf, "-inf" = -Inf, as.numeric(arg)),
    "$int" = big_int(arg),
    "$utf16" = utf16_string(arg),
    "$bytes" = {
      starts <- seq_len(nchar(arg) %/% 2L) * 2L - 1L
      bytes <- if (length(starts)) as.raw(strtoi(substring(arg, starts, starts + 1L), 16L)) else raw(0)
      if (any(bytes == as.raw(0))) not_expressible("a string holding NUL (R strings cannot)")
      s <- rawToChar(bytes)
      Encoding(s) <- "bytes"
      s
    },
    "$nest" = {
      nested <- decode(arg$leaf)
      for (k in seq_len(arg$depth)) nested <- list(nested)
      nested
    },
    "$cycle" = not_expressible("a container holding itself (R values cannot)"),
    stop("unknown special value ", key))
}

# The R value a vector's JSON value stands for.
decode <- function(x) {
  if (is.character(x) && grepl(NUL_MARK, x, fixed = TRUE)) not_expressible("a string holding NUL (R strings cannot)")
  if (!is.list(x)) return(x)
  keys <- names(x)
  if (is.null(keys)) return(lapply(x, decode))
  if (length(x) == 1L && startsWith(keys, "$")) return(special(keys, x[[1L]]))
  if (any(grepl(NUL_MARK, keys, fixed = TRUE))) not_expressible("a key holding NUL (R strings cannot)")
  out <- lapply(x, decode)
  names(out) <- keys
  out
}

# Makes the vector's call through the public API; returns what it returns.
call_vector <- function(v) {
  args <- lapply(v$args, decode)
  options <- lapply(v$options, decode)
  metric <- function(fun) fun(args[[1L]], args[[2L]], if (length(args) > 2L) args[[3L]],
                              timestamp = options$timestamp, description = options$description)
  switch(v$call,
    outputs = Kestra$outputs(args[[1L]]),
    outputs_json = Kestra$outputs_json(args[[1L]]),
    encrypted_outputs = Kestra$encrypted_outputs(args[[1L]]),
    assets = Kestra$assets(args[[1L]]),
    counter = metric(Kestra$counter),
    timer = metric(Kestra$timer),
    gauge = metric(Kestra$gauge),
    log = Kestra$log(args[[1L]], args[[2L]]),
    logs = Kestra$logs(args[[1L]]),
    format = Kestra$format(args[[1L]]),
    stop("unknown call ", v$call))
}

# The line R writes: R's doubles are JavaScript's numbers for an integral value
# (jsonlite's habit), so line_untyped where the vector has one.
expected_line <- function(v) if (!is.null(v$line_untyped)) v$line_untyped else v$line

# Runs the vector's call with R's output sunk into a file: list(written = the
# bytes written, value = what the call returned, error = the condition raised,
# not_expressible = the reason the vector cannot be given in R).
run_vector <- function(v) {
  path <- tempfile()
  con <- file(path, open = "wb")
  sink(con)
  result <- tryCatch(list(value = call_vector(v)),
                     not_expressible = function(e) list(not_expressible = conditionMessage(e)),
                     error = function(e) list(error = e))
  sink()
  close(con)
  result$written <- readChar(path, file.size(path), useBytes = TRUE)
  if (!length(result$written)) result$written <- ""
  unlink(path)
  result
}
