#!/bin/sh
# embed.sh FILE.lua — prints FILE as a C string constant named <name>_lua,
# so Lua code that ships inside the binary stays a readable .lua file.
name=$(basename "$1" .lua | tr -c 'a-zA-Z0-9_\n' '_')
printf '/* generated from %s by src/lua/embed.sh; do not edit */\n' "$1"
printf 'static const char %s_lua[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$/\\n"/' "$1"
printf ';\n'
