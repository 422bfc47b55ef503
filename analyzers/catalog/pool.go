package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Pool says how many server connections a client can hold: the capacity
// plan (`connlint pools`) reads it. The defaults are the libraries' own,
// each with the source it was read from (catalog.yml cites them).
type Pool struct {
	// Kind: "pool" (up to Max connections), "connection" (one), "wraps"
	// (no connection of its own: it uses a pool built elsewhere, which is
	// counted where that one is built) or "none" (no server connection:
	// an HTTP driver).
	Kind string `yaml:"kind"`
	// Max is the library's default maximum: a whole number, "unbounded",
	// or a formula over cpus (the CPUs of the host running it):
	// "2*cpus+1", "max(4,cpus)", "10*cpus".
	Max string `yaml:"max,omitempty"`
	// Min is the pool's default minimum, when it opens connections eagerly.
	Min string `yaml:"min,omitempty"`
	// Options are the dotted paths, in the JS constructor's options
	// object, that set the maximum (the first one set wins).
	Options []string `yaml:"options,omitempty"`
	// URLParam is the connection string parameter that sets the maximum.
	URLParam string `yaml:"url_param,omitempty"`
	// Env is an environment variable the library reads for the maximum.
	Env string `yaml:"env,omitempty"`
	// PerNode lists constructors (JS `new`/`calls` names, Go
	// constructors) that open one pool per server node of a cluster.
	PerNode []string `yaml:"per_node,omitempty"`
	// NodeMax is the default maximum per node of a per_node constructor,
	// when it is not Max (go-redis: a cluster client's nodes default to
	// 5*cpus, a single client to 10*cpus).
	NodeMax string `yaml:"node_max,omitempty"`
	// Wraps lists constructors that are handed an existing pool (sqlx
	// NewDb, ent NewClient): they hold no connection of their own.
	Wraps []string `yaml:"wraps,omitempty"`
	// Server is the kind of server the client talks to (postgres, mysql,
	// redis, mongodb), when the library alone decides it.
	Server string `yaml:"server,omitempty"`
	// Source is where the default was read.
	Source string `yaml:"source,omitempty"`
}

// Pool kinds.
const (
	PoolKindPool       = "pool"
	PoolKindConnection = "connection"
	PoolKindWraps      = "wraps"
	PoolKindNone       = "none"
)

func (p *Pool) validate() error {
	switch p.Kind {
	case PoolKindPool, PoolKindConnection, PoolKindWraps, PoolKindNone:
	default:
		return fmt.Errorf("pool kind %q: want pool, connection, wraps or none", p.Kind)
	}
	if p.Kind == PoolKindPool && p.Max == "" {
		return fmt.Errorf("pool needs max (a number, unbounded or a formula over cpus)")
	}
	if p.Max != "" && p.Max != "unbounded" {
		if _, err := ParseFormula(p.Max); err != nil {
			return fmt.Errorf("pool max %q: %v", p.Max, err)
		}
	}
	if p.NodeMax != "" {
		if _, err := ParseFormula(p.NodeMax); err != nil {
			return fmt.Errorf("pool node_max %q: %v", p.NodeMax, err)
		}
	}
	return nil
}

// Formula is a default that may depend on the host's CPU count.
type Formula struct {
	Text string
	eval func(cpus int) int
	// CPU reports whether the value depends on cpus.
	CPU bool
}

// Eval evaluates the formula for a host with cpus CPUs.
func (f Formula) Eval(cpus int) int { return f.eval(cpus) }

// ParseFormula reads a whole number or an expression over `cpus` with +,
// *, parentheses and max(a,b).
func ParseFormula(s string) (Formula, error) {
	p := &formulaParser{s: strings.ReplaceAll(s, " ", "")}
	e, err := p.sum()
	if err == nil && p.i < len(p.s) {
		err = fmt.Errorf("unexpected %q", p.s[p.i:])
	}
	if err != nil {
		return Formula{}, err
	}
	return Formula{Text: s, eval: e, CPU: strings.Contains(s, "cpus")}, nil
}

type formulaParser struct {
	s string
	i int
}

type expr func(cpus int) int

func (p *formulaParser) sum() (expr, error) {
	l, err := p.product()
	for err == nil && p.i < len(p.s) && p.s[p.i] == '+' {
		p.i++
		var r expr
		if r, err = p.product(); err == nil {
			a, b := l, r
			l = func(c int) int { return a(c) + b(c) }
		}
	}
	return l, err
}

func (p *formulaParser) product() (expr, error) {
	l, err := p.atom()
	for err == nil && p.i < len(p.s) && p.s[p.i] == '*' {
		p.i++
		var r expr
		if r, err = p.atom(); err == nil {
			a, b := l, r
			l = func(c int) int { return a(c) * b(c) }
		}
	}
	return l, err
}

func (p *formulaParser) atom() (expr, error) {
	rest := p.s[p.i:]
	switch {
	case strings.HasPrefix(rest, "cpus"):
		p.i += 4
		return func(c int) int { return c }, nil
	case strings.HasPrefix(rest, "max("):
		p.i += 4
		a, err := p.sum()
		if err != nil {
			return nil, err
		}
		if !p.eat(',') {
			return nil, fmt.Errorf("max needs two arguments")
		}
		b, err := p.sum()
		if err != nil {
			return nil, err
		}
		if !p.eat(')') {
			return nil, fmt.Errorf("max: missing )")
		}
		return func(c int) int { return max(a(c), b(c)) }, nil
	case strings.HasPrefix(rest, "("):
		p.i++
		e, err := p.sum()
		if err == nil && !p.eat(')') {
			err = fmt.Errorf("missing )")
		}
		return e, err
	}
	j := p.i
	for j < len(p.s) && unicode.IsDigit(rune(p.s[j])) {
		j++
	}
	if j == p.i {
		return nil, fmt.Errorf("want a number, cpus, max(...) or (...) at %q", rest)
	}
	n, err := strconv.Atoi(p.s[p.i:j])
	if err != nil {
		return nil, err
	}
	p.i = j
	return func(int) int { return n }, nil
}

func (p *formulaParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// poolKeys are the keys a pool mapping may hold.
var poolKeys = []string{"kind", "max", "min", "options", "url_param", "env", "per_node", "node_max", "wraps", "server", "source"}

// checkPoolKeys rejects a pool mapping with a key Pool does not declare.
func checkPoolKeys(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: pool: want a mapping", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(poolKeys, k.Value) {
			return fmt.Errorf("line %d: unknown key %q in pool (known: %s)", k.Line, k.Value, strings.Join(poolKeys, ", "))
		}
	}
	return nil
}
