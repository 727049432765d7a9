-- bench-count.lua: stop wrk after 100,000 requests (the memory run).
local n = 0
local limit = 100000
request = function()
  n = n + 1
  if n > limit / 2 then wrk.thread:stop() end
  return wrk.format(nil)
end
