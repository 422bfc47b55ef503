package gen

import (
	"fmt"
	"math/rand"
	"strings"
)

// Minified returns a webpack-style production bundle of about size bytes
// on one line: hundreds of modules whose functions all reuse the same
// one-letter names (e, t, n, r, ...), as minifiers write them. Some modules
// bundle a pg pool (cached, and now and then built per call) so that the
// engine parses the file and runs its rules on it, not just the prefilter.
// It is the shape that made lookups scan every same-named binding.
func Minified(size int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.Grow(size + 4096)
	b.WriteString(`"use strict";(()=>{var e={`)
	for id := 0; b.Len() < size; id++ {
		if id > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d:(e,t,n)=>{", id)
		minModule(&b, r, id)
		b.WriteByte('}')
	}
	b.WriteString(`},t={};function n(r){var o=t[r];if(void 0!==o)return o.exports;var i=t[r]={exports:{}};return e[r](i,i.exports,n),i.exports}n.d=(e,t)=>{for(var r in t)n.o(t,r)&&!n.o(e,r)&&Object.defineProperty(e,r,{enumerable:!0,get:t[r]})},n.o=(e,t)=>Object.prototype.hasOwnProperty.call(e,t);var r=n(0);module.exports=r})();`)
	b.WriteByte('\n')
	return []byte(b.String())
}

// short are the names a minifier hands out first, in every scope.
var short = []string{"e", "t", "n", "r", "o", "i", "a", "s", "c", "l", "u", "d", "f", "p", "h", "m"}

func minModule(b *strings.Builder, r *rand.Rand, id int) {
	v := func() string { return short[r.Intn(len(short))] }
	var body strings.Builder
	var names []string
	decl := func() string {
		nm := declNames[len(names)%len(declNames)]
		if len(names) >= len(declNames) {
			nm += declNames[len(names)/len(declNames)%len(declNames)]
		}
		names = append(names, nm)
		return nm
	}
	if r.Intn(40) == 0 {
		minDB(&body, r)
		names = append(names, "G", "H")
	}
	for k := 0; k < 2+r.Intn(5); k++ {
		switch r.Intn(6) {
		case 0:
			fmt.Fprintf(&body, `function %s(e,t){for(var n=0;n<e.length;n++){var r=e[n];if(r&&r.%s===t)return r}return null}`, decl(), v())
		case 1:
			fmt.Fprintf(&body, `const %s=(e,t)=>e.map((e,n)=>t(e,n)).filter(Boolean).reduce((e,t)=>e+t.length,%d);`, decl(), r.Intn(9))
		case 2:
			fmt.Fprintf(&body, `class %s{constructor(e,t){this.e=e,this.t=t||new Map,this.n=0}get(e){const t=this.t.get(e);return t&&Date.now()-t.at<%d?t.value:void 0}set(e,t){this.t.set(e,{value:t,at:Date.now()}),this.n++}}`, decl(), 1000*(1+r.Intn(60)))
		case 3:
			fmt.Fprintf(&body, `function %s(e){var t=e.a,n=void 0===t?{}:t,r=e.b,o=e.c;try{return o?r(n):JSON.parse(r)}catch(i){return console.error("%s",i),n}}`, decl(), v())
		case 4:
			x := decl()
			fmt.Fprintf(&body, "let %s=%d;const %s=e=>`${e}:${%s}`,%s=function(e){return e?e.x??e.y:null};", x, r.Intn(100), decl(), x, decl())
		default:
			fmt.Fprintf(&body, `var %s={a:%d,b:"%s",c:[%d,%d,%d],d:function(e,t){return this.a+e*t},f:(e)=>r.Z(e)||o.Y(e)};`, decl(), r.Intn(1000), v(), r.Intn(9), r.Intn(9), r.Intn(9))
		}
	}
	fmt.Fprintf(b, `"use strict";n.d(t,{Z:()=>%s,Y:()=>%s});`, names[r.Intn(len(names))], names[r.Intn(len(names))])
	if id > 0 {
		fmt.Fprintf(b, "var r=n(%d),o=n(%d);", r.Intn(id), r.Intn(id))
	}
	b.WriteString(body.String())
}

// declNames are the module-scope names, unique within a module as a
// minifier hands them out (e, t, n, r, o are the module's own).
var declNames = []string{"i", "a", "s", "c", "l", "u", "d", "f", "p", "h", "m", "g", "y", "b", "v", "w", "x", "k", "E", "T"}

// minDB is a bundled database module: a cached pool with a handler that
// releases its connection, and now and then a client built per call.
func minDB(b *strings.Builder, r *rand.Rand) {
	b.WriteString(`const{Pool:P}=require("pg");let q;function G(){return q||(q=new P({connectionString:process.env.DATABASE_URL,max:10})),q}async function H(e,t){const n=await G().connect();try{const{rows:e}=await n.query("SELECT 1");t.json(e)}finally{n.release()}}`)
	if r.Intn(3) == 0 {
		b.WriteString(`async function D(e){const t=new P;const n=await t.query(e);return await t.end(),n.rows}`)
	}
}
