from checklist.cli import main

raise SystemExit(main())
