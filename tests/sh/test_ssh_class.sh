#!/bin/sh
# test_ssh_class.sh — a class on one account through a real sshd (issue 18).
#
# One Unix account for the class; `nnbook class add` puts a teacher key and
# three student keys in its authorized_keys (forced command, restrict,pty).
# Each student logs in with ssh -tt inside tmux, opens the lesson and runs
# cells to a cell of their own; the teacher's login lands on the dashboard,
# which must show all three on their cells.  The teacher opens the lesson
# and moves; a student sees it and follows with F.  A student's copy stays
# theirs: another student's browser does not list it, asking for another
# name on the ssh command line changes nothing, and lesson code cannot
# open files.  `class remove` revokes a key.  Needs root; skips (77) when
# sshd cannot run here.
NNBOOK=${NNBOOK:-build/nnbook}
n=0 failed=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
skip() { echo "skip: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root to start sshd and create a user"
for c in tmux useradd; do command -v $c >/dev/null 2>&1 || skip "$c is missing"; done
if ! [ -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1; then
	command -v apt-get >/dev/null 2>&1 || skip "no sshd and no apt-get"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends openssh-server openssh-client; } >/dev/null 2>&1 ||
		skip "could not install openssh-server"
fi
[ -x "$NNBOOK" ] || skip "$NNBOOK is not built"

U=nnbcls$$
D=$(mktemp -d /tmp/nnbook-class.XXXXXX) || exit 1
SOCK=nnbook-class-$$
SSHD_PID=
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
	pkill -KILL -u "$U" 2>/dev/null
	sleep 0.2
	userdel -r "$U" >/dev/null 2>&1
	rm -rf "$D"
}
trap cleanup EXIT
chmod 755 "$D"
mkdir -p "$D/bin" "$D/lessons"
cp "$NNBOOK" "$D/bin/nnbook"
{
	printf -- '-- ---\n-- title: Class lesson\n-- ---\n\n-- %%%% [markdown]\n-- # Class lesson\n\n'
	for k in 1 2 3 4 5 6; do printf -- '-- %%%% step %d\nprint("at step " .. %d * 10)\n\n' $k $k; done
	printf -- '-- %%%% files\nprint("io:", type(io), "open:", pcall(function() return io.open("x") end))\n'
} >"$D/lessons/class-lesson.lua"
chmod -R a+rX "$D/bin" "$D/lessons"

useradd --create-home --home-dir "$D/home" --shell /bin/sh "$U" || skip "useradd failed"
usermod -p '*' "$U"
for who in prof s1 s2 s3; do ssh-keygen -q -t ed25519 -N '' -C "$who@laptop" -f "$D/$who" >/dev/null; done
chmod 644 "$D"/*.pub
as() { su -s /bin/sh "$U" -c "$*"; }
as "$D/bin/nnbook class add --teacher prof $D/prof.pub" >/dev/null; check $? "class add --teacher prof"
for s in s1 s2 s3; do as "$D/bin/nnbook class add $s $D/$s.pub" >/dev/null || failed=1; done
as "$D/bin/nnbook class list" | grep -q '^4 members$'; check $? "class add: three students and a teacher"
ssh-keygen -q -t ed25519 -N '' -f "$D/host_key" >/dev/null

PORT=
for p in $(seq 22300 22399); do
	if ! ss -ltn 2>/dev/null | grep -q ":$p "; then PORT=$p; break; fi
done
[ -n "$PORT" ] || skip "no free port"
mkdir -p /run/sshd
cat >"$D/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $D/host_key
PidFile $D/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
StrictModes no
AllowUsers $U
LogLevel ERROR
EOF
/usr/sbin/sshd -t -f "$D/sshd_config" || skip "sshd rejects the test configuration"
/usr/sbin/sshd -D -e -f "$D/sshd_config" 2>"$D/sshd.log" &
SSHD_PID=$!
sleep 0.5

tm() { tmux -L "$SOCK" "$@"; }
scr() { tm capture-pane -p -t "$1" 2>/dev/null; }
wait_for() { # window text [seconds]
	i=0; lim=$(( ${3:-10} * 10 ))
	while [ $i -lt $lim ]; do
		scr "$1" | grep -qF -- "$2" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "# $1 never showed: $2"; scr "$1" | sed 's/^/#   | /'
	return 1
}
wait_re() { # window regex [seconds]
	i=0; lim=$(( ${3:-10} * 10 ))
	while [ $i -lt $lim ]; do
		scr "$1" | grep -qE -- "$2" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "# $1 never matched: $2"; scr "$1" | sed 's/^/#   | /'
	return 1
}
login() { # window key [command]
	echo "ssh -tt -i $D/$2 -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o LogLevel=ERROR $U@127.0.0.1 $3; sleep 30"
}

tm new-session -d -s prof -x 120 -y 40 "$(login prof prof)"
wait_for prof "nnbook: the class" 15; check $? "the teacher's key lands on the dashboard"
k=2
for s in s1 s2 s3; do
	tm new-session -d -s $s -x 80 -y 24 "$(login $s $s)"
	wait_for $s "Class lesson" 15 || failed=1
	tm send-keys -t $s Enter
	wait_for $s "cell 1/" 5 || failed=1
	# run cells down to cell k
	j=1; while [ $j -lt $k ]; do tm send-keys -t $s r; j=$((j + 1)); sleep 0.2; done
	k=$((k + 1))
done
wait_for s3 "at step 20" 5; check $? "each student runs cells over SSH"
wait_re prof "s1 +class-lesson +2/8 +idle" 5 && wait_re prof "s2 +class-lesson +3/8 +idle" 3 \
	&& wait_re prof "s3 +class-lesson +4/8 +idle" 3
check $? "the dashboard shows all three on their cells"
wait_for prof "3 students" 2; check $? "and counts three"

# follow me
tm send-keys -t prof l
wait_for prof "Lessons" 5
tm send-keys -t prof Enter j j j j
wait_for s1 "teacher: Class lesson, cell 5 - F follows" 5; check $? "the student sees where the teacher is"
tm send-keys -t s1 F
wait_for s1 "cell 5/8" 3; check $? "F takes the student to the teacher's cell"

# one student's work is theirs
tm send-keys -t s1 e End
tm send-keys -t s1 -l ' -- s1 was here'
tm send-keys -t s1 Escape s
sleep 1
copy=$(find "$D/home/.local/share/nnbook/students/s1" -name class-lesson.lua 2>/dev/null)
[ -n "$copy" ] && grep -q "s1 was here" "$copy"; check $? "s1's save goes to students/s1 ($copy)"
tm send-keys -t s2 q
wait_for s2 "Lessons" 5
! scr s2 | grep -q "your copy"; check $? "s2's browser does not list s1's copy"
tm send-keys -t s2 Enter G Enter
wait_for s2 "io: nil" 5; check $? "lesson code has no io to reach another's files"
tm new-session -d -s evil -x 80 -y 24 "$(login evil s2 'nnbook --restricted --student s1')"
wait_for evil "Lessons" 15
! scr evil | grep -q "your copy"; check $? "s2 asking to be s1 on the ssh command line still sees only s2's lessons"
[ "$(pgrep -a -u "$U" -x nnbook | grep -c -- '--student s1$')" -le 2 ] \
	&& [ "$(pgrep -a -u "$U" -x nnbook | grep -c -- '--student s2$')" -ge 2 ]
check $? "the forced command ran it as s2: $(pgrep -a -u "$U" -x nnbook | sed 's/.*--/--/' | sort | uniq -c | tr '\n' ' ')"

# one account, many students: no session's memory or environment is open to another
s1p=$(pgrep -a -u "$U" -x nnbook | grep -- '--student s1$' | cut -d' ' -f1 | tr '\n' ' ')
open=0
for p in $s1p; do
	as "cat /proc/$p/environ" >/dev/null 2>&1 && open=1
	as "ls /proc/$p/fd" >/dev/null 2>&1 && open=1
done
[ -n "$s1p" ] && [ $open = 0 ]
check $? "the account cannot read s1's processes ($s1p) through /proc"

# revoking a key
as "$D/bin/nnbook class remove s3" >/dev/null; check $? "class remove s3"
ssh -o BatchMode=yes -i "$D/s3" -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o LogLevel=ERROR "$U@127.0.0.1" true </dev/null >/dev/null 2>&1
[ $? = 255 ]; check $? "s3's key no longer logs in"
ssh -o BatchMode=yes -i "$D/s2" -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o LogLevel=ERROR "$U@127.0.0.1" true </dev/null >/dev/null 2>&1
[ $? != 255 ]; check $? "s2's still does"
echo "1..$n"
exit $failed
