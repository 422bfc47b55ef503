package config

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestParseApps(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	src := `apps:
  - name: web
    path: ./apps/web/
    replicas: 4
    processes: 2
    application_name: [web, web-cron]
  - name: worker
    path: apps/worker
    replicas: 0
    user: worker_rw
    serverless: false
`
	cfg, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Apps) != 2 {
		t.Fatalf("apps: %+v", cfg.Apps)
	}
	web, worker := cfg.Apps[0], cfg.Apps[1]
	if web.Name != "web" || web.Path != "apps/web" || *web.Replicas != 4 || web.Processes != 2 ||
		!slices.Equal(web.ApplicationNames, []string{"web", "web-cron"}) || web.Line != 2 {
		t.Errorf("web: %+v", web)
	}
	if *worker.Replicas != 0 || worker.Processes != 1 || !slices.Equal(worker.Users, []string{"worker_rw"}) ||
		worker.Serverless == nil || *worker.Serverless {
		t.Errorf("worker: %+v", worker)
	}
}

func TestParseAppsErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	for _, tc := range []struct{ src, want string }{
		{"apps:\n  - name: web\n    replica: 3\n", `:3: apps: unknown key "replica" (known: name, path, replicas, processes, application_name, user, serverless)`},
		{"apps:\n  - path: apps/web\n", ":2: apps: an app needs a name"},
		{"apps:\n  - name: web\n    replicas: three\n", ":3: apps: replicas: want a whole number (0 or more)"},
		{"apps:\n  - name: web\n    processes: 0\n", ":3: apps: processes: want a whole number (1 or more)"},
		{"apps:\n  - name: web\n  - name: web\n", `:3: apps: "web" is also named at line 2`},
		{"apps: web\n", ":1: apps: want a list of {name, path, replicas, processes, application_name, user, serverless}"},
		{"apps:\n  - name: web\n    serverless: maybe\n", ":3: apps: serverless: want true or false"},
		{"app:\n  - name: web\n", `:1: unknown key "app" (known: singleton, scripts, exclude, clients, apps)`},
	} {
		_, err := Parse(path, []byte(tc.src))
		if err == nil || err.Error() != path+tc.want {
			t.Errorf("%q: err = %v, want %s%s", tc.src, err, path, tc.want)
		}
	}
}
