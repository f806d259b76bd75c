"""What the app changes inside Textual (8.2.8, pinned in pyproject.toml), one module
for each change with the reason for it, each installed once by plain_app.py.

They reach into Textual's private methods (Stylesheet, Widget, MessagePump, the
compositor), which any release of Textual may change: on a Textual upgrade, read each
of them against the new source and run tests/ui. tui/widgets/boxes.py (TickList.
_update_lines) follows a private method of Textual's too, and so do tui/widgets/
item_tree.py (the tree's lines drawn and kept: Tree._render_line, TreeNode's state) and
tui/widgets/kept_lines.py (rows framed and kept: StylesCache, the scrollbars made by
Widget.vertical_scrollbar); tests/ui/test_tree_drawing.py compares them with Textual's.
"""
