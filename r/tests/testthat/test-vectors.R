# Every shared vector (tests/vectors/*.json) through the R API, byte for byte.
vectors <- load_vectors()
results <- lapply(vectors, run_vector)
skipped <- vapply(results, function(r) !is.null(r$not_expressible), NA)

reasons <- table(vapply(results[skipped], `[[`, "", "not_expressible"))
cat(sprintf("\nshared vectors: %d, run in R: %d, not expressible in R: %d\n",
            length(vectors), sum(!skipped), sum(skipped)))
for (reason in names(reasons)) cat(sprintf("  %d not expressible: %s\n", reasons[[reason]], reason))

test_that("the vectors are there, and R expresses nearly all of them", {
  expect_gt(length(vectors), 500L)
  expect_lt(sum(skipped), length(vectors) %/% 10)
})

for (i in which(!skipped)) {
  v <- vectors[[i]]
  r <- results[[i]]
  if (!is.null(v$line)) {
    test_that(paste0(v$area, ": ", v$name), {
      expect_null(r$error)
      want <- expected_line(v)
      if (v$call == "format") {
        expect_identical(r$value, want)
        expect_identical(r$written, "")
      } else {
        expect_identical(r$written, paste0(want, "\n"))
      }
      expect_identical(.Call(kestra:::kr_check_line, want)[[1L]], "recorded")
    })
  } else {
    test_that(paste0(v$area, ": ", v$name, " (error)"), {
      expect_s3_class(r$error, c(paste0("kestra_", v$error$kind, "_error"), "kestra_error", "error", "condition"),
                      exact = TRUE)
      expect_identical(r$error$kind, v$error$kind)
      expect_true(startsWith(conditionMessage(r$error), paste0(v$error$field, ": ")),
                  label = conditionMessage(r$error))
      # The vector's exact message (a lone surrogate has only its 3-byte form in R).
      if (!has_lone_surrogate(list(v$args, v$options))) {
        expect_identical(conditionMessage(r$error), v$error$message)
      }
      expect_identical(r$written, "")
    })
  }
}
