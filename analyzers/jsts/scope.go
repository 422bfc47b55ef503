package jsts

import (
	"slices"
	"sort"
)

// resolvable kinds are the identifier nodes the resolution table answers
// for.
func resolvable(k Kind) bool {
	return k == KIdentifier || k == KShorthandPropertyIdentifier || k == KShorthandPropertyIdentifierPattern
}

// resolveAll resolves every identifier of the file once, in one preorder
// walk that keeps, per name, the stack of bindings of the scopes open at
// the node: the innermost is on top. Every later Lookup is an array read
// and References a slice of the uses, so the cost of a file stays linear
// in its size however many scopes declare the same name (minified code
// reuses e, t, n in every function).
func (f *File) resolveAll() {
	n := int32(len(f.N))
	live := make([]int32, 0, len(f.Bindings))
	for _, b := range f.Bindings {
		if !b.dead {
			live = append(live, b.id)
		}
	}
	// var and function names are declared when the walk meets them but
	// belong to an enclosing scope: order by scope node.
	slices.SortStableFunc(live, func(x, y int32) int { return int(f.Bindings[x].Scope - f.Bindings[y].Scope) })
	stacks := make([][]int32, f.nameCount)
	type open struct {
		end   int32
		count int
	}
	var opens []open
	var pushed []int32 // name ids, in push order
	resolved := make([]int32, n)
	counts := make([]int32, len(f.Bindings)+1)
	k := 0
	for i := int32(0); i < n; i++ {
		for len(opens) > 0 && opens[len(opens)-1].end <= i {
			o := opens[len(opens)-1]
			for _, nm := range pushed[len(pushed)-o.count:] {
				stacks[nm] = stacks[nm][:len(stacks[nm])-1]
			}
			pushed = pushed[:len(pushed)-o.count]
			opens = opens[:len(opens)-1]
		}
		if k < len(live) && f.Bindings[live[k]].Scope == i {
			c := 0
			for ; k < len(live) && f.Bindings[live[k]].Scope == i; k++ {
				nm := f.Bindings[live[k]].name
				stacks[nm] = append(stacks[nm], live[k])
				pushed = append(pushed, nm)
				c++
			}
			opens = append(opens, open{end: f.se[i], count: c})
		}
		kind := f.N[i].Kind
		if !resolvable(kind) {
			continue
		}
		head := f.names[string(f.Src[f.N[i].Start:f.N[i].End])]
		if head == nil || len(stacks[head.name]) == 0 {
			continue
		}
		nm := head.name
		b := stacks[nm][len(stacks[nm])-1]
		resolved[i] = b + 1
		if kind != KShorthandPropertyIdentifierPattern {
			counts[b+1]++
		}
	}
	f.resolved = resolved
	f.indexUses(counts)
}

// indexUses lays out the uses of each binding (the identifier and
// shorthand property nodes that name it) in one array, in preorder;
// counts[j+1] is the number of uses of binding j.
func (f *File) indexUses(counts []int32) {
	for j := 1; j < len(counts); j++ {
		counts[j] += counts[j-1]
	}
	f.useStart = counts
	f.uses = make([]int32, counts[len(counts)-1])
	next := slices.Clone(counts[:len(counts)-1])
	for i, r := range f.resolved {
		if r > 0 && f.N[i].Kind != KShorthandPropertyIdentifierPattern {
			f.uses[next[r-1]] = int32(i)
			next[r-1]++
		}
	}
}

// usesIn reports whether a use of b lies in node n's subtree (its
// declaration included).
func (f *File) usesIn(b *Binding, n int32) bool {
	us := f.uses[f.useStart[b.id]:f.useStart[b.id+1]]
	j := sort.Search(len(us), func(j int) bool { return us[j] >= n })
	return j < len(us) && us[j] < f.se[n]
}

// Uses returns every identifier node that names b, its declaration
// included, in preorder.
func (f *File) Uses(b *Binding) []int32 { return f.uses[f.useStart[b.id]:f.useStart[b.id+1]] }

// SitesOf returns the calls and news whose nearest enclosing function is
// fn (-1: the module's top level), in preorder.
func (f *File) SitesOf(fn int32) []int32 {
	if f.sitesByFunc == nil {
		sites := append(slices.Clone(f.News), f.Calls...)
		slices.Sort(sites)
		f.sitesByFunc = f.groupByFunc(sites)
	}
	return f.sitesByFunc[fn]
}

// ReturnsOf returns the return statements of function fn itself (not of
// the functions nested in it).
func (f *File) ReturnsOf(fn int32) []int32 {
	if f.returnsByFunc == nil {
		f.returnsByFunc = f.groupByFunc(f.Returns)
	}
	return f.returnsByFunc[fn]
}

func (f *File) groupByFunc(nodes []int32) map[int32][]int32 {
	m := map[int32][]int32{}
	for _, x := range nodes {
		fn := f.EnclosingFunc(x)
		m[fn] = append(m[fn], x)
	}
	return m
}

// AssignsTo returns the assignments (=, ||=, +=, ...) whose target is the
// variable b itself, in preorder.
func (f *File) AssignsTo(b *Binding) []int32 {
	if f.assignsTo == nil {
		f.assignsTo = map[*Binding][]int32{}
		for _, as := range f.Assigns {
			l := f.Unwrap(f.Field(as, FLeft))
			if l >= 0 && f.N[l].Kind == KIdentifier {
				if t := f.Lookup(l); t != nil {
					f.assignsTo[t] = append(f.assignsTo[t], as)
				}
			}
		}
	}
	return f.assignsTo[b]
}

// MemberAssigns returns the assignments whose target is a member
// expression spelled exactly text (globalForPrisma.prisma = ...).
func (f *File) MemberAssigns(text string) []int32 {
	if f.memberAssigns == nil {
		f.memberAssigns = map[string][]int32{}
		for _, as := range f.Assigns {
			l := f.Unwrap(f.Field(as, FLeft))
			if l >= 0 && f.N[l].Kind == KMemberExpression {
				t := f.Text(l)
				f.memberAssigns[t] = append(f.memberAssigns[t], as)
			}
		}
	}
	return f.memberAssigns[text]
}
