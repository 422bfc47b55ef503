// a barrel re-exporting the factories
export { createPool, createRepo, getPool, openMysql } from './make'
export { default as makeRedis } from './make'
