::\{"metrics":\[\{"name":"t","type":"timer","value":[0-9.e-]+,"tags":\{\},"description":"the load"\}\]\}::\n
