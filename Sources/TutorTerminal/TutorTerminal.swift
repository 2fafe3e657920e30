// The TutorTerminal module; see ARCHITECTURE.md.
