out
::\{"metrics":\[\{"name":"run","type":"timer","value":[0-9]+(\.[0-9]+)?(e-[0-9]+)?,"tags":\{\}\}\]\}::\n
