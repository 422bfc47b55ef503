package live

import (
	"errors"

	"github.com/connlint/connlint/live/engine"
)

func asEngineError(err error, target **engine.Error) bool { return errors.As(err, target) }
