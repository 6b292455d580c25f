# The shared Ion vectors (tests/vectors/ion, format in its README.md), which the
# core, kestra-emit, Python and Node suites run too: every file through
# Kestra$read and Kestra$iter_read, rows compared with their types, errors by
# their kind and exact message.
#
# R's form of the tagged Python values of expected.json (the rules of
# ?kestra_read):
#   null                NA (logical); in a data.frame column, that column's NA
#   true, false, str    TRUE, FALSE, a character string
#   int                 an integer within R's integer range (-2^31, 2^31), else
#                       the double R reads from the digits (the nearest one:
#                       exact up to 2^53 only, where Python keeps every digit)
#   float               a double, bit for bit (NaN, Inf, -Inf, -0 included)
#   datetime            a POSIXct in UTC: the local time minus its offset, a
#                       naive one read as UTC; equal within a microsecond, as
#                       POSIXct is a double of seconds (Python's datetime stops
#                       at microseconds, the core's fraction goes to nanoseconds)
#   list                an unnamed list
#   dict                a named list in the same order (a repeated field name
#                       once, at its first place with its last value, as
#                       Python's dict keeps it)
# Kestra$read makes a data.frame of rows of one shape whose columns each hold
# scalars of one type (integers and doubles mix as doubles); this test states
# that rule on the expected rows and compares the data.frame cell by cell.
#
# Where R differs from Python: R strings cannot hold NUL, so a file with a string
# holding one (scalars.ion) raises R's own error "embedded nul in string" on
# that row (Kestra$read: no rows; Kestra$iter_read: after the rows before it),
# and a copy of the file with its NUL escapes taken out reads as the expected
# rows with the NULs taken out.

ion_dir <- normalizePath(file.path(vector_dir(), "ion"))
ion_cases <- read_vector_file(file.path(ion_dir, "expected.json"))$cases  # NUL escapes as NUL_MARK

utc_seconds <- function(text, offset_minutes) {
  # "YYYY-MM-DDTHH:MM:SS.ffffff", local at offset_minutes (null: naive, read as UTC)
  part <- function(from, to) as.numeric(substr(text, from, to))
  days <- as.numeric(as.Date(substr(text, 1L, 10L)))
  seconds <- days * 86400 + part(12L, 13L) * 3600 + part(15L, 16L) * 60 + part(18L, 19L) + part(21L, 26L) / 1e6
  seconds - (if (is.null(offset_minutes)) 0 else offset_minutes) * 60
}

# The R value a tagged Python value stands for.
r_value <- function(x) {
  if (is.null(x)) return(NA)
  if (!is.list(x)) return(x)
  tag <- names(x)
  if (is.null(tag)) return(lapply(x, r_value))
  switch(tag[[1L]],
    int = {
      n <- as.numeric(x$int)
      if (abs(n) <= .Machine$integer.max) as.integer(n) else n
    },
    float = if (is.character(x$float)) {
      switch(x$float, nan = NaN, inf = Inf, "-inf" = -Inf, "-0.0" = -0, stop("unknown float ", x$float))
    } else {
      as.numeric(x$float)
    },
    datetime = .POSIXct(utc_seconds(x$datetime, x$offset_minutes), tz = "UTC"),
    dict = stats::setNames(lapply(x$dict, r_value), names(x$dict)),
    stop("unknown tag ", tag[[1L]]))
}

expected_rows <- function(case) lapply(case[["rows"]], function(row) r_value(list(dict = row)))

# NULL when `got` is `want` as the rules above say, else where and how they differ.
difference <- function(got, want, where = "row") {
  describe <- function(x) paste(utils::capture.output(utils::str(x)), collapse = " ")
  differ <- function() sprintf("%s: got %s, want %s", where, describe(got), describe(want))
  if (inherits(want, "POSIXct")) {
    if (!inherits(got, "POSIXct") || !identical(attr(got, "tzone"), "UTC") || length(got) != 1L) return(differ())
    if (is.na(want)) return(if (is.na(got)) NULL else differ())
    return(if (!is.na(got) && abs(unclass(got)[[1L]] - unclass(want)[[1L]]) < 1e-6) NULL else differ())
  }
  if (is.list(want)) {
    if (!is.list(got) || is.object(got) || length(got) != length(want) || !identical(names(got), names(want)))
      return(differ())
    for (i in seq_along(want)) {
      step <- if (is.null(names(want))) sprintf("%s[[%d]]", where, i) else sprintf("%s$`%s`", where, names(want)[[i]])
      found <- difference(got[[i]], want[[i]], step)
      if (!is.null(found)) return(found)
    }
    return(NULL)
  }
  if (is.character(want) && grepl(NUL_MARK, want, fixed = TRUE)) stop(where, ": a NUL in an expected string")
  if (is.object(got) || !identical(got, want, num.eq = FALSE)) differ() else NULL
}

# The data.frame rule of ?kestra_read, stated on the expected rows: the column
# types when the rows make a data.frame, else NULL.
frame_types <- function(rows) {
  if (!length(rows)) return(stats::setNames(character(0), character(0)))
  keys <- names(rows[[1L]])
  if (!all(vapply(rows, function(row) identical(names(row), keys), NA))) return(NULL)
  types <- character(length(keys))
  for (k in seq_along(keys)) {
    values <- lapply(rows, `[[`, k)
    if (!all(vapply(values, function(v) is.atomic(v) && length(v) == 1L, NA))) return(NULL)
    kinds <- unique(vapply(values, function(v) {
      if (inherits(v, "POSIXct")) "POSIXct" else if (is.logical(v) && is.na(v)) "NA" else typeof(v)
    }, ""))
    kinds <- setdiff(kinds, "NA")
    if (setequal(kinds, c("integer", "double"))) kinds <- "double"
    if (length(kinds) > 1L) return(NULL)
    types[[k]] <- if (length(kinds)) kinds else "logical"
  }
  stats::setNames(types, keys)
}

# The expected row as the data.frame holds it: a null as its column's NA, an
# integer in a double column as a double.
as_frame_row <- function(row, types) {
  for (k in seq_along(row)) {
    v <- row[[k]]
    missing <- is.logical(v) && is.na(v)
    row[[k]] <- switch(types[[k]],
      POSIXct = if (missing) .POSIXct(NA_real_, tz = "UTC") else v,
      logical = v,
      integer = if (missing) NA_integer_ else v,
      double = if (missing) NA_real_ else as.double(v),
      character = if (missing) NA_character_ else v)
  }
  row
}

frame_row <- function(frame, i) lapply(frame, function(column) column[i])

holds_nul <- function(x) {
  if (is.list(x)) return(any(vapply(x, holds_nul, NA)))
  is.character(x) && any(grepl(NUL_MARK, x, fixed = TRUE))
}

without_nul <- function(x) {
  if (inherits(x, "POSIXct")) return(x)
  if (is.list(x)) {
    out <- lapply(x, without_nul)
    names(out) <- names(x)
    return(out)
  }
  if (is.character(x)) gsub(NUL_MARK, "", x, fixed = TRUE) else x
}

# Compares Kestra$read(path) with the expected rows (as a data.frame when they make one).
expect_read <- function(path, want) {
  got <- Kestra$read(path)
  types <- frame_types(want)
  if (is.null(types)) {
    expect_false(is.data.frame(got))
    expect_null(difference(got, want, "Kestra$read()"))
  } else {
    expect_s3_class(got, "data.frame")
    expect_identical(c(nrow(got), ncol(got)), c(length(want), length(types)))
    expect_identical(names(got), names(types))
    for (i in seq_along(want))
      expect_null(difference(frame_row(got, i), as_frame_row(want[[i]], types), sprintf("Kestra$read()[%d, ]", i)))
  }
}

# Every row of Kestra$iter_read(path), then NULL, and NULL again.
iterated <- function(path) {
  rows <- Kestra$iter_read(path)
  out <- list()
  while (!is.null(row <- rows())) out[[length(out) + 1L]] <- row
  expect_null(rows())
  out
}

test_that("every Ion file of the vectors has its case", {
  files <- sort(list.files(ion_dir, pattern = "\\.ion$"))
  expect_identical(sort(vapply(ion_cases, `[[`, "", "file")), files)
  expect_gt(length(files), 20L)
  expect_true(all(vapply(ion_cases, function(c) is.null(c[["rows"]]) != is.null(c[["error"]]), NA)))  # one of them
})

for (case in ion_cases) {
  path <- file.path(ion_dir, case$file)
  if (!is.null(case$error)) {
    test_that(paste("ion error:", case$file), {
      kind <- case$error$kind
      err <- expect_error(Kestra$read(path), class = paste0("kestra_", kind, "_error"))
      expect_s3_class(err, c("kestra_error", "error", "condition"))
      expect_identical(err$kind, kind)
      expect_identical(conditionMessage(err), case$error$message)
      # the rows before the error come first, then the same error, then the end
      rows <- Kestra$iter_read(path)
      for (i in seq_len(case[["rows_before_error"]])) {
        row <- rows()
        expect_true(is.list(row) && !is.null(names(row)), label = sprintf("row %d is a named list", i))
      }
      err <- expect_error(rows(), class = paste0("kestra_", kind, "_error"))
      expect_identical(c(err$kind, conditionMessage(err)), c(kind, case$error$message))
      expect_null(rows())
    })
  } else if (holds_nul(case[["rows"]])) {
    test_that(paste("ion rows, R strings cannot hold NUL:", case$file), {
      want <- expected_rows(case)
      expect_error(Kestra$read(path), "embedded nul in string")
      first <- which(vapply(want, holds_nul, NA))[[1L]]
      rows <- Kestra$iter_read(path)
      for (i in seq_len(first - 1L)) expect_null(difference(rows(), want[[i]], sprintf("row %d", i)))
      expect_error(rows(), "embedded nul in string")
      expect_null(rows())
      # the same file without its NUL escapes (after an even number of backslashes)
      text <- rawToChar(readBin(path, "raw", file.size(path)))
      copy <- tempfile(fileext = ".ion")
      writeBin(charToRaw(gsub("(?<!\\\\)((?:\\\\\\\\)*)\\\\(0|x00|u0000|U00000000)", "\\1", text, perl = TRUE)), copy)
      expect_read(copy, without_nul(want))
      expect_null(difference(iterated(copy), without_nul(want), "Kestra$iter_read()"))
    })
  } else {
    test_that(paste("ion rows:", case$file), {
      want <- expected_rows(case)
      expect_read(path, want)
      expect_null(difference(iterated(path), want, "Kestra$iter_read()"))
    })
  }
}
