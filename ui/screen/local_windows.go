package screen

import (
	"context"
	"errors"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// LocalSupported says whether Local can drive the process's own terminal
// here: not on Windows, whose console Bubble Tea sets up itself (console
// modes, size events) only with its own renderer.
const LocalSupported = false

// Local is not supported on Windows.
func Local(context.Context, *os.File, *os.File, func(tea.Msg)) (func(), error) {
	return nil, errors.ErrUnsupported
}
