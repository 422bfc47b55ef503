package output

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
)

func init() { Register("github", writeGitHub) }

// writeGitHub writes GitHub Actions workflow commands: one ::error
// annotation per finding, on the file and line in the pull request's
// diff, with the related places in the message. Input errors become
// ::warning annotations. Paths are relative to the top of the repository,
// as the runner's workspace is.
func writeGitHub(out, _ io.Writer, res diag.Result) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	paths := newRepoPaths(wd)
	for _, f := range res.Findings {
		props := []string{
			"file=" + ghProperty(paths.rel(f.File)),
			fmt.Sprintf("line=%d", f.Line),
		}
		if f.EndLine > f.Line {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
		}
		if f.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", f.Column))
			if f.EndLine == f.Line && f.EndColumn > f.Column {
				props = append(props, fmt.Sprintf("endColumn=%d", f.EndColumn))
			}
		}
		props = append(props, "title="+ghProperty("connlint "+f.Rule))
		msg := f.Message
		for _, r := range f.Related {
			msg += fmt.Sprintf("\n%s:%d: %s", paths.rel(r.File), r.Line, r.Message)
		}
		if _, err := fmt.Fprintf(out, "::error %s::%s\n", strings.Join(props, ","), ghData(msg)); err != nil {
			return err
		}
	}
	for _, e := range res.Errors {
		if _, err := fmt.Fprintf(out, "::warning file=%s,title=%s::%s\n", ghProperty(paths.rel(e.File)), ghProperty("connlint could not check this"), ghData(e.Message)); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
