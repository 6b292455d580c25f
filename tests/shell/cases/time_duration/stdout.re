::\{"metrics":\[\{"name":"sleep","type":"timer","value":(0\.[2-9][0-9]*|[1-9]\.[0-9]+),"tags":\{\}\}\]\}::\n
