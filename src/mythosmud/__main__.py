from mythosmud.cli import main

raise SystemExit(main())
