const express = require('express');
const accounts = require('./routes/accounts');
const legacy = require('./routes/legacy');
const { totals, newest, oldest } = require('./routes/promises');

const app = express();
app.use(express.json());
app.use(accounts);
app.use(legacy);
app.get('/totals', totals);
app.get('/newest', newest);
app.get('/oldest', oldest);
app.listen(process.env.PORT || 3000);
