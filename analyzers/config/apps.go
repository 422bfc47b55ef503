package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// App is one deployable of the capacity plan (`connlint pools`): a
// package.json folder or a Go main package, how many copies of it run,
// and the names its live connections carry.
//
//	apps:
//	  - name: web
//	    path: apps/web          # folder of its package.json or main package
//	    replicas: 3             # copies running (containers, pods, dynos...)
//	    processes: 2            # processes per replica (cluster workers)
//	    application_name: web  # live connections: application_name (or a list)
//	    user: web_rw            # ... or the database user (or a list)
type App struct {
	Name      string
	Path      string // relative to the config's folder, slash-separated
	Replicas  *int
	Processes int
	// ApplicationNames and Users say which live connections are the
	// app's (connlint live --plan).
	ApplicationNames []string
	Users            []string
	// Serverless overrides what the hosting files say (nil: detect).
	Serverless *bool
	Line       int
}

var appKeys = []string{"name", "path", "replicas", "processes", "application_name", "user", "serverless"}

// appList reads the apps: key strictly: unknown keys, a missing name, a
// repeated name or a bad number name the line.
func appList(path string, val *yaml.Node, dst *[]App) error {
	if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
		return nil
	}
	if val.Kind != yaml.SequenceNode {
		return &Error{File: path, Line: val.Line, Msg: "apps: want a list of {name, path, replicas, processes, application_name, user, serverless}"}
	}
	seen := map[string]int{}
	for _, it := range val.Content {
		if it.Kind != yaml.MappingNode {
			return &Error{File: path, Line: it.Line, Msg: "apps: want a mapping such as {name: web, path: apps/web, replicas: 3}"}
		}
		a := App{Processes: 1, Line: it.Line}
		for i := 0; i+1 < len(it.Content); i += 2 {
			k, v := it.Content[i], it.Content[i+1]
			if err := a.set(path, k, v); err != nil {
				return err
			}
		}
		if a.Name == "" {
			return &Error{File: path, Line: it.Line, Msg: "apps: an app needs a name"}
		}
		if first, dup := seen[a.Name]; dup {
			return &Error{File: path, Line: it.Line, Msg: fmt.Sprintf("apps: %q is also named at line %d", a.Name, first)}
		}
		seen[a.Name] = it.Line
		*dst = append(*dst, a)
	}
	return nil
}

func (a *App) set(path string, k, v *yaml.Node) error {
	bad := func(msg string) error { return &Error{File: path, Line: v.Line, Msg: "apps: " + k.Value + ": " + msg} }
	switch k.Value {
	case "name":
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			return bad("want a name")
		}
		a.Name = v.Value
	case "path":
		if v.Kind != yaml.ScalarNode || normalizeGlob(v.Value) == "" {
			return bad("want a folder")
		}
		a.Path = normalizeGlob(v.Value)
	case "replicas", "processes":
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || n < 0 || k.Value == "processes" && n == 0 {
			return bad("want a whole number (" + map[string]string{"replicas": "0 or more", "processes": "1 or more"}[k.Value] + ")")
		}
		if k.Value == "replicas" {
			a.Replicas = &n
		} else {
			a.Processes = n
		}
	case "application_name", "user":
		names, err := stringOrList(v)
		if err != nil {
			return bad(err.Error())
		}
		if k.Value == "user" {
			a.Users = names
		} else {
			a.ApplicationNames = names
		}
	case "serverless":
		b, err := strconv.ParseBool(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			return bad("want true or false")
		}
		a.Serverless = &b
	default:
		if !slices.Contains(appKeys, k.Value) {
			return &Error{File: path, Line: k.Line, Msg: fmt.Sprintf("apps: unknown key %q (known: %s)", k.Value, strings.Join(appKeys, ", "))}
		}
	}
	return nil
}

func stringOrList(v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Value == "" {
			return nil, fmt.Errorf("want a name or a list of names")
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		var out []string
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode || it.Value == "" {
				return nil, fmt.Errorf("want a list of names")
			}
			out = append(out, it.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a name or a list of names")
}
