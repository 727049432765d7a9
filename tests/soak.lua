-- soak.lua: wrk walks the paths given after `--` in turn and counts the
-- answers by class; done() prints "answers: 2xx N 3xx N 4xx N 5xx N".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  i = 0
  c2, c3, c4, c5 = 0, 0, 0, 0
end

function request()
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1
  elseif status >= 400 then c4 = c4 + 1
  elseif status >= 300 then c3 = c3 + 1
  else c2 = c2 + 1 end
end

function done(summary, latency, requests)
  local t2, t3, t4, t5 = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("c2"); t3 = t3 + t:get("c3")
    t4 = t4 + t:get("c4"); t5 = t5 + t:get("c5")
  end
  io.write(string.format("answers: 2xx %d 3xx %d 4xx %d 5xx %d\n", t2, t3, t4, t5))
end
