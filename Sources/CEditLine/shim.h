// libedit (Debian: libedit-dev). Imported only by TutorTerminal/LineEditor.swift.
//
// libedit's el_set/el_get/history are variadic, which Swift cannot call, and Swift 6 will
// not touch C globals such as stdin: these prefixed wrappers do both. They have no public
// surface beyond LineEditor.swift.
#ifndef TUTOR_CEDITLINE_SHIM_H
#define TUTOR_CEDITLINE_SHIM_H
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <pthread.h>
#include <locale.h>
#include <histedit.h>

typedef char *(*tutor_el_prompt_function)(EditLine *);
typedef unsigned char (*tutor_el_command_function)(EditLine *, int);

/// A line editor on the process' standard input, output and error.
static inline EditLine *tutor_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// The prompt function; '\1' brackets invisible characters (colour escapes) in the prompt.
static inline int tutor_el_set_prompt(EditLine *el, tutor_el_prompt_function function) {
    return el_set(el, EL_PROMPT_ESC, function, '\1');
}

static inline int tutor_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// With signal handling on, libedit restores the terminal around signals (Ctrl-Z, resize).
static inline int tutor_el_set_signal_handling(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int tutor_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *tutor_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int tutor_el_add_command(EditLine *el, const char *name, const char *help,
                                       tutor_el_command_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int tutor_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}

static inline int tutor_el_use_history(EditLine *el, History *history_list) {
    return el_set(el, EL_HIST, history, history_list);
}

/// An in-memory history of at most `size` entries that skips consecutive duplicates.
static inline History *tutor_history_init(int size) {
    HistEvent event;
    History *history_list = history_init();
    if (history_list != NULL) {
        history(history_list, &event, H_SETSIZE, size);
        history(history_list, &event, H_SETUNIQUE, 1);
    }
    return history_list;
}

static inline int tutor_history_enter(History *history_list, const char *line) {
    HistEvent event;
    return history(history_list, &event, H_ENTER, line);
}

/// Writes text to standard output at once (libedit writes there too).
static inline void tutor_el_write(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

/// Uses the environment's character type (UTF-8 input), or C.UTF-8 when it names none.
static inline void tutor_el_use_utf8_locale(void) {
    const char *name = setlocale(LC_CTYPE, "");
    if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

/// Redraws the prompt and the line from the cursor's place, forgetting what libedit thinks the
/// screen shows (after the screen was cleared behind its back).
static inline int tutor_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

// Ctrl-C at the prompt. While el_gets waits, SIGINT runs a handler installed without
// SA_RESTART, so the read fails with EINTR and el_gets returns; a signal delivered to
// another thread is passed on to the reading one. The previous handler comes back after.
// The handler also notes that it ran: in some of libedit's modes (reverse search) a failed
// read reads as end of input, and only the note tells the two apart.
// (State lives in function-local statics: Swift does not emit a header's static globals.)
static inline volatile sig_atomic_t *tutor_el_sigint_seen(void) {
    static volatile sig_atomic_t seen;
    return &seen;
}

/// Whether SIGINT arrived since `tutor_el_catch_sigint`.
static inline int tutor_el_was_interrupted(void) {
    return *tutor_el_sigint_seen() != 0;
}

static inline pthread_t *tutor_el_reading_thread(void) {
    static pthread_t thread;
    return &thread;
}

static inline struct sigaction *tutor_el_previous_sigint(void) {
    static struct sigaction action;
    return &action;
}

static inline void tutor_el_on_sigint(int signal_number) {
    *tutor_el_sigint_seen() = 1;
    if (!pthread_equal(pthread_self(), *tutor_el_reading_thread())) {
        pthread_kill(*tutor_el_reading_thread(), signal_number);
    }
}

static inline int tutor_el_catch_sigint(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = tutor_el_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    *tutor_el_reading_thread() = pthread_self();
    *tutor_el_sigint_seen() = 0;
    return sigaction(SIGINT, &action, tutor_el_previous_sigint());
}

static inline int tutor_el_release_sigint(void) {
    return sigaction(SIGINT, tutor_el_previous_sigint(), NULL);
}

#endif
