package output

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
)

// validator is a node script validating SARIF files with ajv against the
// SARIF 2.1.0 JSON schema (draft-04) that @microsoft/jest-sarif ships.
const validator = `const Ajv = require("ajv");
const fs = require("fs");
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({ allErrors: true, schemaId: "id", meta: false, logger: false });
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
const validate = ajv.compile(schema);
let bad = 0;
for (const f of process.argv.slice(2)) {
  if (!validate(JSON.parse(fs.readFileSync(f, "utf8")))) {
    bad++;
    console.log(f + ": " + ajv.errorsText(validate.errors, { separator: "\n  " }));
  }
}
process.exit(bad ? 1 : 0);
`

// TestSARIFAgainstTheSchema validates the SARIF output against the
// official 2.1.0 schema, besides checkSARIFForGitHub's rules.
func TestSARIFAgainstTheSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips installing the SARIF schema from npm")
	}
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: the schema check runs in node", tool)
		}
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "connlint-e2e", "sarif-schema-ajv6-jestsarif1b0")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json")); err != nil {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`), 0o644)
		cmd := exec.Command("npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts",
			"ajv@6.12.6", "@microsoft/jest-sarif@1.0.0-beta.0")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm install: %v\n%s", err, out)
		}
	}
	script := filepath.Join(dir, "validate.js")
	if err := os.WriteFile(script, []byte(validator), 0o644); err != nil {
		t.Fatal(err)
	}
	validate := func(files ...string) (string, error) {
		cmd := exec.Command("node", append([]string{script}, files...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	work := t.TempDir()
	full, _ := render(t, "sarif", ciFixture(t))
	t.Chdir(t.TempDir())
	empty, _ := render(t, "sarif", diag.Result{})
	files := map[string]string{"full.sarif": full, "empty.sarif": empty,
		// The validator must be able to say no.
		"broken.sarif": strings.Replace(full, `"level": "error",`, `"level": "fatal",`, 1)}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := validate(filepath.Join(work, "full.sarif"), filepath.Join(work, "empty.sarif")); err != nil {
		t.Errorf("SARIF output does not validate against the 2.1.0 schema: %v\n%s", err, out)
	}
	if out, err := validate(filepath.Join(work, "broken.sarif")); err == nil || !strings.Contains(out, "level") {
		t.Errorf("the schema check accepted a bad level: %v %s", err, out)
	}
}
