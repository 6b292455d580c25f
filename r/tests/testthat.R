library(testthat)
library(kestra)
test_check("kestra")
