#!/usr/bin/env node
// The CLI finds a command by the name typed on the command line: no
// import names the command modules.
const [name = 'help', ...args] = process.argv.slice(2)
const command = await import(new URL(`./commands/${name.replace(':', '/')}.js`, import.meta.url).href)
await command.default({ args })
