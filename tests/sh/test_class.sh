#!/bin/sh
# test_class.sh — `nnbook class add|remove|list` on a scratch home, and the
# command line's rules for class members (--student only with --restricted,
# no class commands from a restricted session).
. tests/sh/lib.sh
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
mkdir -p "$HOME"
k1='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIvjz9RIVDioKn+9NwpbExBxbozCNiaihyjxAdNVh8fc ada@laptop'
k2='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKu3X6pI0w5MZDfDI2pDL5yg8mj+TDRxLhH8P1n+bwSC prof@desk'
echo "$k1" >"$tmp/ada.pub"
echo "$k2" >"$tmp/prof.pub"
keys="$HOME/.ssh/authorized_keys"
self=$(readlink -f "$NNBOOK")

out=$("$NNBOOK" class add ada "$tmp/ada.pub" 2>&1)
check $? "class add ada: $out"
grep -qxF "command=\"$self --restricted --student ada\",restrict,pty $k1" "$keys"
check $? "ada's line names this nnbook by its absolute path"
"$NNBOOK" class add --teacher prof "$tmp/prof.pub" >/dev/null 2>&1
check $? "class add --teacher prof"
grep -qF -- "--restricted --teacher prof\",restrict,pty $k2" "$keys"
check $? "the teacher's line"
out=$("$NNBOOK" class add bob "$tmp/ada.pub" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "already ada's"
check $? "a key already in the class is refused: $out"
out=$("$NNBOOK" class add 'bo b' "$tmp/prof.pub" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "letters, digits"
check $? "a bad name is refused: $out"
out=$("$NNBOOK" class add carl "$tmp/missing.pub" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "missing.pub"
check $? "a missing key file is named: $out"
out=$("$NNBOOK" class list)
echo "$out" | grep -q '^student  *ada  *ada@laptop$' && echo "$out" | grep -q '^teacher  *prof  *prof@desk$' \
	&& echo "$out" | grep -qx '2 members'
check $? "class list shows both with their roles"
mkdir -p "$XDG_DATA_HOME/nnbook/class/status"
printf 'nnbook-status 1\nname ada\n' >"$XDG_DATA_HOME/nnbook/class/status/ada"
printf 'nnbook-status 1\nname prof\n' >"$XDG_DATA_HOME/nnbook/class/status/prof"
out=$("$NNBOOK" class remove ada 2>&1)
[ $? = 0 ] && ! grep -q -- '--student ada' "$keys" && grep -q -- '--teacher prof' "$keys"
check $? "class remove ada revokes ada's key only"
[ ! -e "$XDG_DATA_HOME/nnbook/class/status/ada" ] && [ -e "$XDG_DATA_HOME/nnbook/class/status/prof" ]
check $? "and takes ada's row off the dashboard, no one else's"
"$NNBOOK" class remove ada >/dev/null 2>&1
[ $? = 1 ]
check $? "removing ada twice fails"
"$NNBOOK" class >/dev/null 2>&1
[ $? = 2 ]
check $? "class without a command prints its usage (exit 2)"
out=$(SSH_ORIGINAL_COMMAND=x "$NNBOOK" class list 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "not in restricted mode"
check $? "no class commands from an SSH forced session"
out=$("$NNBOOK" class list --restricted 2>&1)
[ $? = 2 ]
check $? "nor with --restricted"
out=$("$NNBOOK" --student ada 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "goes with --restricted"
check $? "--student without --restricted is refused"
out=$("$NNBOOK" --restricted --student ../bob 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "letters, digits"
check $? "--student with a path is refused"
out=$("$NNBOOK" --restricted --student ada --student bob 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "one class member"
check $? "two names are refused"
"$NNBOOK" --run --teacher --format md lessons/02-gradient-descent.lua 2>&1 | grep -q "Solution"
check $? "--run --teacher is still the teacher's handout"
out=$("$NNBOOK" --teacher prof --run lessons/02-gradient-descent.lua 2>&1)
[ $? = 2 ] && echo "$out" | grep -q "not for a class member"
check $? "--teacher NAME with --run is refused: $out"
done_testing
