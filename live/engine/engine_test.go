package engine

import (
	"encoding/json"
	"testing"
)

func TestSessionJSON(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{Session{PID: 42, User: "u", State: "idle", Seconds: 1.5},
			`{"pid":42,"user":"u","application":"","client":"","state":"idle","seconds":1.5}`},
		{Session{User: "u", State: "idle"}, // no process id to give
			`{"pid":null,"user":"u","application":"","client":"","state":"idle","seconds":0}`},
		{Terminated{Session: Session{PID: 7, State: "idle"}, Done: true},
			`{"pid":7,"user":"","application":"","client":"","state":"idle","seconds":0,"superuser":false,"terminated":true}`},
		{Terminated{Session: Session{PID: 7}, Reason: "r", MissingGrant: "g"},
			`{"pid":7,"user":"","application":"","client":"","state":"","seconds":0,"superuser":false,"terminated":false,"reason":"r","missing_grant":"g"}`},
	} {
		b, err := json.Marshal(c.v)
		if err != nil || string(b) != c.want {
			t.Errorf("json of %+v =\n%s, %v\nwant\n%s", c.v, b, err, c.want)
		}
	}
}
