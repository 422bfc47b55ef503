package output

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/ruledoc"
	"github.com/connlint/connlint/internal/gate"
)

func init() { Register("sarif", writeSARIF) }

// SARIF 2.1.0, the parts GitHub code scanning reads.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision"`
	Problem   string   `json:"problem.severity"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// FingerprintKey names connlint's fingerprint in partialFingerprints.
const FingerprintKey = "connlint/v1"

// writeSARIF writes a SARIF 2.1.0 log for GitHub code scanning: every rule
// with its help, one result per finding with its related locations and a
// fingerprint that survives line moves. Paths are relative to the top of
// the git repository (code scanning resolves them against the checkout),
// else to the working directory. Input errors are tool notifications.
func writeSARIF(out, _ io.Writer, res diag.Result) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	paths := newRepoPaths(wd)
	src := gate.NewSources(wd)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "connlint",
			InformationURI: "https://github.com/connlint/connlint",
			Rules:          []sarifRule{},
		}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	index := map[string]int{}
	for i, r := range ruledoc.Rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 ruleName(r.ID),
			ShortDescription:     sarifText{r.Name},
			FullDescription:      sarifText{r.Summary + " " + r.Why},
			Help:                 sarifHelp{Text: r.HelpText(), Markdown: r.HelpMarkdown()},
			HelpURI:              r.HelpURI(),
			DefaultConfiguration: sarifRuleConfig{Level: "error"},
			Properties:           sarifRuleProperty{Tags: []string{"reliability", "database", "connections"}, Precision: "high", Problem: "error"},
		})
	}
	fps := gate.Fingerprints(src, res.Findings)
	for i, f := range res.Findings {
		ri, ok := index[f.Rule]
		if !ok {
			continue // every rule is documented (ruledoc's test)
		}
		r := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ri,
			Level:     "error",
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifact{URI: paths.uri(f.File)},
				Region:           region(src, f.File, f.Line, f.Column, f.EndLine, f.EndColumn),
			}}},
			PartialFingerprints: map[string]string{FingerprintKey: fps[i]},
			Properties:          map[string]string{"language": f.Language},
		}
		for k, rel := range f.Related {
			id := k + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
				ID: &id,
				PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifact{URI: paths.uri(rel.File)},
					Region:           region(src, rel.File, rel.Line, rel.Column, 0, 0),
				},
				Message: &sarifText{rel.Message},
			})
		}
		run.Results = append(run.Results, r)
	}
	inv := sarifInvocation{ExecutionSuccessful: true, Notifications: []sarifNotification{}}
	for _, e := range res.Errors {
		inv.Notifications = append(inv.Notifications, sarifNotification{
			Level:   "error",
			Message: sarifText{e.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifact{URI: paths.uri(e.File)},
			}}},
		})
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// ruleName is the rule ID in PascalCase, SARIF's convention for names.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '-' || r == '_' {
			up = true
			continue
		}
		if up {
			r = []rune(strings.ToUpper(string(r)))[0]
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// region converts connlint's 1-based byte columns to the UTF-16 code unit
// columns GitHub expects (the same for ASCII lines).
func region(src *gate.Sources, file string, line, col, endLine, endCol int) *sarifRegion {
	if line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: line, StartColumn: utf16Column(src.Line(file, line), col)}
	if endLine >= line && endCol > 0 {
		r.EndLine = endLine
		r.EndColumn = utf16Column(src.Line(file, endLine), endCol)
	}
	return r
}

func utf16Column(text string, byteCol int) int {
	if byteCol <= 1 {
		return byteCol
	}
	prefix := text
	if byteCol-1 < len(text) {
		prefix = text[:byteCol-1]
	} else {
		// Past the end of the line (or the file is gone): keep the extra.
		return utf16Len(text) + byteCol - 1 - len(text) + 1
	}
	return utf16Len(prefix) + 1
}

func utf16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// repoPaths rewrites paths relative to the working directory as paths
// relative to the top of the repository (the folder holding .git).
type repoPaths struct {
	wd, top string
}

func newRepoPaths(wd string) repoPaths {
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return repoPaths{wd: wd, top: d}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return repoPaths{wd: wd, top: wd}
		}
		d = parent
	}
}

// rel is file (relative to the working directory) relative to the top,
// slash-separated; a file outside the repository keeps its path.
func (p repoPaths) rel(file string) string {
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.wd, filepath.FromSlash(file))
	}
	rel, err := filepath.Rel(p.top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

// uri is file as a relative URI reference from the top.
func (p repoPaths) uri(file string) string { return escapeURIPath(p.rel(file)) }

// escapeURIPath percent-encodes what may not stand in a URI path.
func escapeURIPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
