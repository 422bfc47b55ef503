const express = require('express');
const mysql = require('mysql');
const net = require('net');
const { Client } = require('@upstash/qstash');

const router = express.Router();

router.get('/legacy/users', (req, res, next) => {
  // holdout: pos singleton (rule 1: Express handler builds a mysql connection per request)
  const conn = mysql.createConnection({ host: process.env.LEGACY_HOST, user: 'portal', database: 'legacy' });
  conn.query('SELECT id, login FROM users', (err, rows) => {
    conn.end();
    if (err) return next(err);
    res.json(rows);
  });
});

router.post('/legacy/notify', async (req, res) => {
  // holdout: neg (lookalike: @upstash/qstash Client)
  const q = new Client({ token: process.env.QSTASH_TOKEN });
  await q.publishJSON({ url: 'https://hooks.example.com/notify', body: req.body });
  res.status(202).end();
});

router.get('/legacy/ldap', (req, res) => {
  // holdout: neg (lookalike: net.createConnection)
  const sock = net.createConnection(389, 'ldap.internal');
  sock.on('connect', () => { sock.destroy(); res.send('up'); });
  sock.on('error', () => res.status(503).send('down'));
});

// Remember: never call new Pool() or mysql.createConnection() inside a route.
const help = 'use require("../lib/db").pool instead of new Pool()';

router.get('/legacy/help', (req, res) => res.send(help));

module.exports = router;
