package output

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/connlint/connlint/analyzers/diag"
)

func init() { Register("checkstyle", writeCheckstyle) }

type csReport struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle writes Checkstyle XML (Jenkins, reviewdog, GitLab
// converters): a <file> per file in the order of the findings, an <error>
// per finding with source connlint.<rule>. A package or file that could
// not be checked is an <error> too, on line 1 with source connlint (as
// Checkstyle reports a file it cannot parse), so that a report read only
// from the XML does not pass it as clean; it is also written to errOut,
// as in the text format, for the build log.
func writeCheckstyle(out, errOut io.Writer, res diag.Result) error {
	rep := csReport{Version: "4.3", Files: []csFile{}}
	at := map[string]int{}
	file := func(name string) *csFile {
		i, ok := at[name]
		if !ok {
			i = len(rep.Files)
			at[name] = i
			rep.Files = append(rep.Files, csFile{Name: name})
		}
		return &rep.Files[i]
	}
	for _, f := range res.Findings {
		msg := f.Message
		for _, r := range f.Related {
			msg += fmt.Sprintf(" [%s:%d: %s]", r.File, r.Line, r.Message)
		}
		cf := file(f.File)
		cf.Errors = append(cf.Errors, csError{
			Line: f.Line, Column: f.Column, Severity: "error", Message: msg, Source: "connlint." + f.Rule,
		})
	}
	for _, e := range res.Errors {
		cf := file(e.File)
		cf.Errors = append(cf.Errors, csError{Line: 1, Severity: "error", Message: "not checked: " + e.Message, Source: "connlint"})
	}
	if _, err := io.WriteString(out, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(out)
	enc.Indent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if _, err := io.WriteString(out, "\n"); err != nil {
		return err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(errOut, "connlint: %s: %s\n", e.File, e.Message)
	}
	return nil
}
