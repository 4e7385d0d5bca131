#ifndef ENTANGLED_CNCURSESW_SHIM_H
#define ENTANGLED_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <signal.h>
#include <unistd.h>
#include <curses.h>

/* Swift cannot import curses macros or its C globals: wrap them. */
static inline WINDOW *es_stdscr(void) { return stdscr; }
static inline int es_lines(void) { return LINES; }
static inline int es_cols(void) { return COLS; }
static inline int es_key_resize(void) { return KEY_RESIZE; }
static inline int es_key_f(int n) { return KEY_F(n); }
static inline attr_t es_a_bold(void) { return A_BOLD; }
static inline attr_t es_a_reverse(void) { return A_REVERSE; }
static inline attr_t es_a_dim(void) { return A_DIM; }
static inline attr_t es_a_underline(void) { return A_UNDERLINE; }
static inline attr_t es_a_normal(void) { return A_NORMAL; }
static inline int es_color_pair(int n) { return COLOR_PAIR(n); }
static inline int es_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int es_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

/* Draw one cell: a wide-character string with attributes and a colour pair. */
static inline int es_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

static inline SCREEN *es_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int es_get_wch(wint_t *ch) { return get_wch(ch); }

#endif
