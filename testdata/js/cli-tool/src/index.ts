#!/usr/bin/env node
import { program } from 'commander'
import create from './commands/create.js'

program.option('--db-url <url>', 'database to set up').parse()

void create(program.opts())
