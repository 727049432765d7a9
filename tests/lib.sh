# tests/lib.sh: what the test and bench scripts share (sourced).

# A free loopback port.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Signs in at base URL $1 as $2 with password $3; prints the session
# cookie ("sp_session=..."), or nothing.
signin() {
	local jar tok
	jar=$(mktemp)
	tok=$(curl -s -c "$jar" -b "$jar" "$1/login" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=$2" --data-urlencode "password=$3" "$1/login"
	awk '$6 == "sp_session" {print "sp_session=" $7}' "$jar"
	rm -f "$jar"
}
