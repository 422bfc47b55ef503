#!/usr/bin/env node
import { check } from './commands/check.js'

console.log(await check(process.argv[2]))
