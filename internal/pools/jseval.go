package pools

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/connlint/connlint/analyzers/jsts"
)

// jsEval reads values out of a TS/JS syntax tree: numbers, strings and
// object literals, through const bindings of the same file, and the
// environment reads a pool size is usually written with
// (Number(process.env.X ?? 10), parseInt(process.env.X || "10")).
type jsEval struct {
	f *jsts.File
}

// numVal is an evaluated number.
type numVal struct {
	state  string // known, unknown
	n      int
	env    string // read from this environment variable...
	hasDef bool   // ...with this literal default
	def    int
	reason string
}

const maxEvalDepth = 8

func (ev *jsEval) num(n int32) numVal { return ev.numDepth(n, 0) }

func (ev *jsEval) numDepth(n int32, depth int) numVal {
	f := ev.f
	n = f.Unwrap(n)
	if n < 0 || depth > maxEvalDepth {
		return numVal{state: Unknown, reason: "an expression not followed"}
	}
	switch f.K(n) {
	case jsts.KNumber:
		v, err := strconv.ParseFloat(strings.ReplaceAll(f.Text(n), "_", ""), 64)
		if err != nil {
			return numVal{state: Unknown, reason: "not a number: " + f.Text(n)}
		}
		return numVal{state: Known, n: int(v)}
	case jsts.KString, jsts.KTemplateString:
		if s, ok := f.StringValue(n); ok {
			if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				return numVal{state: Known, n: v}
			}
		}
	case jsts.KIdentifier, jsts.KShorthandPropertyIdentifier:
		if init, ok := ev.constInit(n); ok {
			return ev.numDepth(init, depth+1)
		}
		return numVal{state: Unknown, reason: ev.opaqueName(n)}
	case jsts.KMemberExpression, jsts.KSubscriptExpression:
		if env, ok := envRead(f, n); ok {
			return numVal{state: Unknown, env: env, reason: "environment variable " + env + " with no default in the code"}
		}
		if v := ev.memberValue(n, depth); v >= 0 {
			return ev.numDepth(v, depth+1)
		}
	case jsts.KCallExpression:
		fn := f.Unwrap(f.Field(n, jsts.FFunction))
		args := ev.args(n)
		if fn >= 0 && len(args) > 0 {
			switch f.Text(fn) {
			case "Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat", "Math.floor", "Math.ceil", "Math.round", "Math.trunc":
				return ev.numDepth(args[0], depth+1)
			case "Math.max", "Math.min":
				return ev.minMax(f.Text(fn) == "Math.max", args, depth)
			}
		}
	case jsts.KUnaryExpression:
		if strings.HasPrefix(f.Text(n), "+") {
			return ev.numDepth(f.Field(n, jsts.FArgument), depth+1)
		}
	case jsts.KBinaryExpression:
		return ev.binary(n, depth)
	case jsts.KTernaryExpression:
		a := ev.numDepth(f.Field(n, jsts.FConsequence), depth+1)
		b := ev.numDepth(f.Field(n, jsts.FAlternative), depth+1)
		if a.state == Known && b.state == Known {
			out := a
			if b.n > a.n {
				out = b
			}
			out.hasDef = false
			out.env = firstNonEmpty(a.env, b.env)
			out.reason = "the larger branch of " + shortText(f.Text(n))
			return out
		}
		return numVal{state: Unknown, reason: "a condition (" + shortText(f.Text(n)) + ")"}
	}
	return numVal{state: Unknown, reason: "not a literal: " + shortText(f.Text(n))}
}

// binary evaluates `a ?? b`, `a || b` (an environment read with its
// default), and arithmetic on known numbers.
func (ev *jsEval) binary(n int32, depth int) numVal {
	f := ev.f
	l := ev.numDepth(f.Field(n, jsts.FLeft), depth+1)
	r := ev.numDepth(f.Field(n, jsts.FRight), depth+1)
	op := binOp(f, n)
	switch op {
	case "??", "||":
		if l.state == Known {
			return l
		}
		if l.env != "" && r.state == Known {
			return numVal{state: Known, n: r.n, env: l.env, hasDef: true, def: r.n}
		}
		if r.state == Known {
			return numVal{state: Unknown, reason: l.reason + ", else " + strconv.Itoa(r.n)}
		}
	case "*", "+", "-", "/":
		if l.state == Known && r.state == Known {
			out := numVal{state: Known, env: firstNonEmpty(l.env, r.env), reason: "computed: " + shortText(f.Text(n))}
			switch op {
			case "*":
				out.n = l.n * r.n
			case "+":
				out.n = l.n + r.n
			case "-":
				out.n = l.n - r.n
			case "/":
				if r.n == 0 {
					return numVal{state: Unknown, reason: "a division by zero"}
				}
				out.n = l.n / r.n
			}
			return out
		}
	}
	return numVal{state: Unknown, reason: "not a literal: " + shortText(f.Text(n))}
}

func (ev *jsEval) minMax(isMax bool, args []int32, depth int) numVal {
	var out numVal
	for i, a := range args {
		v := ev.numDepth(a, depth+1)
		if v.state != Known {
			return numVal{state: Unknown, reason: v.reason}
		}
		if i == 0 || isMax && v.n > out.n || !isMax && v.n < out.n {
			out = v
		}
	}
	return out
}

// strVal is an evaluated string: a literal (a template's text with its
// substitutions left as ${...}), or an environment variable read.
type strVal struct {
	text     string
	literal  bool // text is the whole value (no substitution)
	template bool // text has substitutions
	env      string
	reason   string
}

func (ev *jsEval) str(n int32) strVal { return ev.strDepth(n, 0) }

func (ev *jsEval) strDepth(n int32, depth int) strVal {
	f := ev.f
	n = f.Unwrap(n)
	if n < 0 || depth > maxEvalDepth {
		return strVal{reason: "an expression not followed"}
	}
	switch f.K(n) {
	case jsts.KString:
		s, _ := f.StringValue(n)
		return strVal{text: s, literal: true}
	case jsts.KTemplateString:
		if s, ok := f.StringValue(n); ok {
			return strVal{text: s, literal: true}
		}
		t := f.Text(n)
		sv := strVal{text: strings.Trim(t, "`"), template: true}
		// The first substitution that reads the environment names it.
		for _, m := range envInText.FindAllStringSubmatch(t, -1) {
			sv.env = firstNonEmpty(m[1], m[2], m[3])
			break
		}
		return sv
	case jsts.KIdentifier:
		if init, ok := ev.constInit(n); ok {
			return ev.strDepth(init, depth+1)
		}
		return strVal{reason: ev.opaqueName(n)}
	case jsts.KMemberExpression, jsts.KSubscriptExpression:
		if env, ok := envRead(f, n); ok {
			return strVal{env: env}
		}
		if v := ev.memberValue(n, depth); v >= 0 {
			return ev.strDepth(v, depth+1)
		}
	case jsts.KBinaryExpression:
		op := binOp(f, n)
		if op == "??" || op == "||" {
			l := ev.strDepth(f.Field(n, jsts.FLeft), depth+1)
			if l.env != "" || l.literal {
				return l
			}
		}
		if op == "+" {
			// process.env.DATABASE_URL + "?connection_limit=5": a template.
			l := ev.strDepth(f.Field(n, jsts.FLeft), depth+1)
			r := ev.strDepth(f.Field(n, jsts.FRight), depth+1)
			if l.literal || l.template || r.literal || r.template {
				return strVal{text: strText(l) + strText(r), template: true, env: firstNonEmpty(l.env, r.env)}
			}
		}
	}
	return strVal{reason: "not a literal: " + shortText(f.Text(n))}
}

// binOp is a binary expression's operator: its operator child when the
// flat tree keeps the token, else the text between its operands.
func binOp(f *jsts.File, n int32) string {
	if op := f.Field(n, jsts.FOperator); op >= 0 {
		return f.Text(op)
	}
	l, r := f.Field(n, jsts.FLeft), f.Field(n, jsts.FRight)
	if l < 0 || r < 0 || f.N[l].End > f.N[r].Start {
		return ""
	}
	return strings.TrimSpace(string(f.Src[f.N[l].End:f.N[r].Start]))
}

// strText is a string's text in a concatenation: a placeholder for what
// is not known.
func strText(v strVal) string {
	if v.literal || v.template {
		return v.text
	}
	return "${" + firstNonEmpty(v.env, "...") + "}"
}

// envInText finds process.env.X, process.env["X"] and env.X in a
// template's text.
var envInText = regexp.MustCompile(`process\.env\.([A-Za-z_][A-Za-z0-9_]*)|process\.env\[["'` + "`" + `]([A-Za-z_][A-Za-z0-9_]*)["'` + "`" + `]\]|\benv\.([A-Z_][A-Z0-9_]*)`)

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// envRead recognises process.env.X, process.env["X"], import.meta.env.X
// and a validated env object's env.X (t3's createEnv): ok with X.
func envRead(f *jsts.File, n int32) (string, bool) {
	obj := f.Unwrap(f.Field(n, jsts.FObject))
	if obj < 0 {
		return "", false
	}
	var name string
	switch f.K(n) {
	case jsts.KMemberExpression:
		p := f.Field(n, jsts.FProperty)
		if p < 0 {
			return "", false
		}
		name = f.Text(p)
	case jsts.KSubscriptExpression:
		s, ok := f.StringValue(f.Field(n, jsts.FIndex))
		if !ok {
			return "", false
		}
		name = s
	}
	switch t := f.Text(obj); {
	case t == "process.env" || t == "import.meta.env" || t == "Bun.env" || t == "Deno.env":
		return name, name != ""
	case t == "env" && f.K(obj) == jsts.KIdentifier:
		return name, name != ""
	}
	return "", false
}

// constInit returns the initializer a const name (or a destructured
// part of one) stands for, in this file.
func (ev *jsEval) constInit(id int32) (int32, bool) {
	f := ev.f
	b := f.Lookup(id)
	if b == nil || b.Kind != jsts.BVar || !b.Const || b.Init < 0 {
		return -1, false
	}
	if len(b.Path) == 0 {
		return b.Init, true
	}
	obj := ev.object(b.Init)
	if obj < 0 {
		return -1, false
	}
	v := ev.prop(obj, b.Path)
	return v, v >= 0
}

// opaqueName says why a name could not be followed.
func (ev *jsEval) opaqueName(id int32) string {
	f := ev.f
	b := f.Lookup(id)
	switch {
	case b == nil:
		return "global " + f.Text(id)
	case b.Kind == jsts.BImport && b.Import != nil:
		return f.Text(id) + " imported from " + b.Import.Spec
	case b.Kind == jsts.BParam:
		return "parameter " + f.Text(id)
	case b.Kind == jsts.BVar && !b.Const:
		return "variable " + f.Text(id) + " (not a const)"
	}
	return f.Text(id) + " not followed"
}

// memberValue follows obj.a.b on a const object literal of this file.
func (ev *jsEval) memberValue(n int32, depth int) int32 {
	f := ev.f
	var path []string
	for f.K(n) == jsts.KMemberExpression || f.K(n) == jsts.KSubscriptExpression {
		var key string
		if f.K(n) == jsts.KMemberExpression {
			p := f.Field(n, jsts.FProperty)
			if p < 0 {
				return -1
			}
			key = f.Text(p)
		} else {
			s, ok := f.StringValue(f.Field(n, jsts.FIndex))
			if !ok {
				return -1
			}
			key = s
		}
		path = append([]string{key}, path...)
		n = f.Unwrap(f.Field(n, jsts.FObject))
		if n < 0 {
			return -1
		}
	}
	if f.K(n) != jsts.KIdentifier || depth > maxEvalDepth {
		return -1
	}
	obj := ev.object(n)
	if obj < 0 {
		return -1
	}
	return ev.prop(obj, path)
}

// object returns the object literal an expression is (through const
// names), or -1.
func (ev *jsEval) object(n int32) int32 {
	f := ev.f
	for i := 0; i < maxEvalDepth; i++ {
		n = f.Unwrap(n)
		if n < 0 {
			return -1
		}
		switch f.K(n) {
		case jsts.KObject:
			return n
		case jsts.KIdentifier:
			init, ok := ev.constInit(n)
			if !ok {
				return -1
			}
			n = init
		case jsts.KMemberExpression, jsts.KSubscriptExpression:
			n = ev.memberValue(n, i)
		default:
			return -1
		}
	}
	return -1
}

// prop returns the value node at a dotted path in an object literal (the
// last definition wins, spreads of const objects included), or -1.
func (ev *jsEval) prop(obj int32, path []string) int32 {
	f := ev.f
	if len(path) == 0 {
		return obj
	}
	found := int32(-1)
	for _, c := range f.NamedChildren(obj) {
		switch f.K(c) {
		case jsts.KPair:
			k := f.Field(c, jsts.FKey)
			if k >= 0 && keyText(f, k) == path[0] {
				found = f.Field(c, jsts.FValue)
			}
		case jsts.KShorthandPropertyIdentifier:
			if f.Text(c) == path[0] {
				found = c
			}
		case jsts.KSpreadElement:
			if inner := ev.object(f.NamedChildren(c)[0]); inner >= 0 {
				if v := ev.prop(inner, path[:1]); v >= 0 {
					found = v
				}
			}
		}
	}
	if found < 0 || len(path) == 1 {
		return found
	}
	inner := ev.object(found)
	if inner < 0 {
		return -1
	}
	return ev.prop(inner, path[1:])
}

// hasOpaqueSpread reports an object literal with a spread that cannot
// be followed: any option may come from it.
func (ev *jsEval) hasOpaqueSpread(obj int32) bool {
	f := ev.f
	for _, c := range f.NamedChildren(obj) {
		if f.K(c) == jsts.KSpreadElement {
			ch := f.NamedChildren(c)
			if len(ch) == 0 || ev.object(ch[0]) < 0 {
				return true
			}
		}
	}
	return false
}

func keyText(f *jsts.File, k int32) string {
	if s, ok := f.StringValue(k); ok {
		return s
	}
	return f.Text(k)
}

// args returns the call's (or new's) argument nodes.
func (ev *jsEval) args(call int32) []int32 {
	f := ev.f
	a := f.Field(call, jsts.FArguments)
	if a < 0 {
		return nil
	}
	return f.NamedChildren(a)
}

func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// paramIn reads a query parameter from a connection string's text, a
// template's too (its substitutions left in place).
func paramIn(text, name string) (string, bool) {
	if v, ok := URLParam(text, name); ok {
		return v, true
	}
	re := regexp.MustCompile(`[?&]` + regexp.QuoteMeta(name) + `=([^&"'\s]*)`)
	if m := re.FindStringSubmatch(text); m != nil {
		return m[1], true
	}
	return "", false
}
