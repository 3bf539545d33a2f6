from quickreply.cli import main

raise SystemExit(main())
