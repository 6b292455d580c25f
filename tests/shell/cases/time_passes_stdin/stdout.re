hello
world
::\{"metrics":\[\{"name":"cat","type":"timer","value":[0-9]+(\.[0-9]+)?(e-[0-9]+)?,"tags":\{"tool":"cat"\}\}\]\}::\n
