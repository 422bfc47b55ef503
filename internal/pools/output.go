package pools

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the plan as one JSON object: the file
// `connlint live --plan` reads.
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// WriteText writes the plan for a terminal.
func WriteText(w io.Writer, p *Plan) {
	fmt.Fprintf(w, "connlint pools: %d client construction(s), %d application(s); CPU-dependent defaults for %d CPUs (--cpus)%s\n",
		len(p.Sites), len(p.Apps), p.CPUs, surgeNote(p.Surge))
	byID := siteIndex(p)
	for _, a := range p.Apps {
		fmt.Fprintf(w, "\n%s\n", appHeading(a))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, id := range a.Sites {
			s := byID[id]
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Library, s.Call, s.Kind, orDash(s.Server), maxText(s))
			fmt.Fprintf(tw, "  \t\t\t\t\t  %s\n", s.Max.Where)
			for _, n := range s.Notes {
				fmt.Fprintf(tw, "  \t\t\t\t\t  note: %s\n", n)
			}
		}
		tw.Flush()
		if len(a.Sites) == 0 {
			fmt.Fprintln(w, "  no client constructions")
		}
		for _, srv := range sortedKeys(a.PerInstance) {
			fmt.Fprintf(w, "  %s: %s per process, %s in all (%s)\n", srv, a.PerInstance[srv], a.Total[srv], multiplier(a, p.Surge))
		}
	}
	if len(p.Scripts) > 0 {
		fmt.Fprintf(w, "\nScripts (each its own short-lived process, not counted per replica):\n")
		for _, id := range p.Scripts {
			s := byID[id]
			fmt.Fprintf(w, "  %s  %s  %s  %s\n", s.ID, s.Library, s.Call, maxText(s))
		}
	}
	for _, srv := range p.Servers {
		fmt.Fprintf(w, "\n%s\n", serverLine(srv, p.Checked))
		for _, r := range srv.Reasons {
			fmt.Fprintf(w, "  - %s\n", r)
		}
	}
	if len(p.Findings) > 0 {
		fmt.Fprintf(w, "\nTo look at:\n")
		for _, f := range p.Findings {
			fmt.Fprintf(w, "  - %s\n", f.Message)
		}
	}
	for _, e := range p.Errors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
	fmt.Fprintf(w, "\n%s\n", verdictLine(p))
}

// WriteMarkdown writes the plan as a Markdown report (a pull request
// comment, a wiki page).
func WriteMarkdown(w io.Writer, p *Plan) {
	fmt.Fprintf(w, "## Connection capacity plan\n\n%s\n\n", verdictLine(p))
	fmt.Fprintf(w, "CPU-dependent defaults for %d CPUs%s.\n\n", p.CPUs, surgeNote(p.Surge))
	if len(p.Servers) > 0 {
		fmt.Fprintf(w, "| server | capacity | planned | headroom | verdict |\n|---|---|---|---|---|\n")
		for _, s := range p.Servers {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", s.Kind, intText(s.Capacity), s.Planned, intText(s.Headroom), orDash(s.Verdict))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "| application | kind | replicas × processes | per process | total |\n|---|---|---|---|---|\n")
	for _, a := range p.Apps {
		var per, tot []string
		for _, srv := range sortedKeys(a.PerInstance) {
			per = append(per, srv+" "+a.PerInstance[srv].String())
			tot = append(tot, srv+" "+a.Total[srv].String())
		}
		fmt.Fprintf(w, "| %s (`%s`) | %s | %s | %s | %s |\n", a.Name, a.Path, appKind(a), mdEscape(multiplier(a, p.Surge)), mdEscape(strings.Join(per, ", ")), mdEscape(strings.Join(tot, ", ")))
	}
	fmt.Fprintf(w, "\n| site | library | call | kind | server | max | from |\n|---|---|---|---|---|---|---|\n")
	for _, s := range p.Sites {
		fmt.Fprintf(w, "| `%s` | %s | `%s` | %s | %s | %s | %s |\n", s.ID, s.Library, s.Call, s.Kind, orDash(s.Server), maxText(s), mdEscape(s.Max.Where))
	}
	if len(p.Findings) > 0 {
		fmt.Fprintf(w, "\n### To look at\n\n")
		for _, f := range p.Findings {
			fmt.Fprintf(w, "- %s\n", mdEscape(f.Message))
		}
	}
	if len(p.Errors) > 0 {
		fmt.Fprintf(w, "\n### Errors\n\n")
		for _, e := range p.Errors {
			fmt.Fprintf(w, "- %s\n", mdEscape(e))
		}
	}
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func siteIndex(p *Plan) map[string]*Site {
	m := map[string]*Site{}
	for _, s := range p.Sites {
		m[s.ID] = s
	}
	return m
}

func surgeNote(surge bool) string {
	if surge {
		return "; --surge: totals doubled for a rolling deploy"
	}
	return ""
}

func appKind(a *App) string {
	k := a.Kind
	if a.Framework != "" {
		k += " (" + a.Framework + ")"
	}
	if a.Serverless {
		k += ", serverless"
	}
	return k
}

func appHeading(a *App) string {
	h := fmt.Sprintf("%s  %s  %s", a.Name, a.Path, appKind(a))
	if len(a.Hosting) > 0 {
		h += " [" + strings.Join(a.Hosting, ", ") + "]"
	}
	if a.Replicas != nil {
		h += fmt.Sprintf("  replicas %d (%s)", *a.Replicas, a.ReplicasSource)
	} else {
		h += "  replicas unknown (" + a.ReplicasSource + ")"
	}
	if a.Processes > 1 {
		h += fmt.Sprintf(" x %d processes", a.Processes)
	}
	names := append(slices.Clone(a.Match.ApplicationNames), prefixAll("user:", a.Match.Users)...)
	h += "  live: " + strings.Join(names, ", ")
	return h
}

func prefixAll(p string, s []string) []string {
	var out []string
	for _, x := range s {
		out = append(out, p+x)
	}
	return out
}

func multiplier(a *App, surge bool) string {
	r := "?"
	if a.Replicas != nil {
		r = fmt.Sprint(*a.Replicas)
	}
	m := r + " replica(s) x " + fmt.Sprint(a.Processes) + " process(es)"
	if surge {
		m += " x 2 (surge)"
	}
	return m
}

func maxText(s *Site) string {
	t := s.Max.String()
	switch {
	case s.Script:
		t += " (script)"
	case s.Instances < 0:
		t = "unbounded (per call)"
	case s.DevOnly:
		t += " (development only)"
	case s.Instances == 0:
		t += " (factory: counted at its calls)"
	}
	return t
}

func serverLine(s *Server, checked string) string {
	line := fmt.Sprintf("Server %s: planned %s", s.Kind, s.Planned)
	if s.Capacity != nil {
		line += fmt.Sprintf(", capacity %d (max_connections %d - reserved %d", *s.Capacity, *s.MaxConnections, *s.Reserved)
		if s.CapacitySource != "" {
			line += ", from " + s.CapacitySource
		}
		line += ")"
	}
	if s.Headroom != nil {
		line += fmt.Sprintf(", headroom %d", *s.Headroom)
	}
	if s.Kind == checked {
		line += ": " + strings.ToUpper(s.Verdict)
	}
	return line
}

func verdictLine(p *Plan) string {
	switch p.Verdict {
	case Fits:
		return fmt.Sprintf("Verdict: FITS: the pools cannot open more connections than %s allows.", p.Checked)
	case Exceeds:
		return fmt.Sprintf("Verdict: EXCEEDS: the pools can open more connections than %s allows (\"sorry, too many clients already\").", p.Checked)
	}
	if p.Checked == "" {
		return "Verdict: CANNOT TELL: no client of a server with connection slots was found."
	}
	return fmt.Sprintf("Verdict: CANNOT TELL whether the pools fit %s (see the reasons above).", p.Checked)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func intText(n *int) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprint(*n)
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
