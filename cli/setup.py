"""Setting up: `init`, `demo`, `serve` and `user add`."""

from __future__ import annotations

import argparse
import os
import sys

from cli.common import (
    EXIT_OK,
    Parser,
    Subcommands,
    UsageError,
    add_command,
    database,
    parse_date,
    shown_url,
    today,
)
from ecogram.vocabulary import NetworkSlug, UserRole


def cmd_init(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecogram import db
    from ecogram.accounts import User
    from ecogram.migrate import init_database

    with database() as engine:
        init_database(engine)
        with db.session_scope(engine) as session:
            admins = session.scalar(
                select(User.id).where(
                    User.role == UserRole.ADMIN,
                    User.active.is_(True),
                )
            )
    print(f"Database ready: {shown_url(db.database_url())}")
    if admins is None:
        # Every other account is made in the app, by an admin; the first admin comes from here.
        print("No admin account yet. Make the first one, then sign in as it:")
        print("  ecogram user add beheer --role admin --name Beheerder")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ecogram import db, demo_loader
    from ecogram.migrate import init_database

    with database() as engine:
        init_database(engine)
        with db.session_scope(engine) as session:
            lines = demo_loader.load_demo(session, today=args.today or today())
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    import getpass

    from sqlalchemy import select

    from ecogram import accounts, db
    from ecogram.models import Network

    password = os.environ.get("ECOGRAM_NEW_PASSWORD") or (
        getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    )
    with database() as engine, db.session_scope(engine) as session:
        network = None
        if args.network is not None:
            network = session.scalar(select(Network).where(Network.slug == args.network))
            if network is None:
                raise UsageError("--network: run 'ecogram init' first")
        try:
            user = accounts.add_user(
                session,
                username=args.username,
                password=password,
                role=UserRole(args.role),
                display_name=args.name,
                network=network,
            )
        except accounts.AccountError as exc:
            raise UsageError(str(exc)) from None
        print(f"Added user {user.username} ({user.role.value})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    # Loaded on demand: every other command stays quick without Flask.
    from webapp import create_app

    app = create_app()
    print(f"Ecogram serves on http://{args.host}:{args.port} (Ctrl+C stops it)")
    app.run(host=args.host, port=args.port, debug=False, threaded=True, load_dotenv=False)
    return EXIT_OK


def register(sub: Subcommands) -> None:
    add_command(sub, "init", cmd_init, "Create or upgrade the database.")
    p = add_command(sub, "demo", cmd_demo, "Load the fictional demo data (safe to run twice).")
    p.add_argument(
        "--today", type=parse_date, help="date the demo is built around (default: today)"
    )
    p = add_command(
        sub,
        "serve",
        cmd_serve,
        "Serve the web app (development server; use gunicorn in production).",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("ECOGRAM_PORT", "5000")))
    user = sub.add_parser("user", help="Manage accounts.")
    user_sub = user.add_subparsers(dest="user_command", required=True, parser_class=Parser)
    p = user_sub.add_parser(
        "add",
        help="Add an account; the password comes from a prompt, stdin or ECOGRAM_NEW_PASSWORD.",
    )
    p.set_defaults(func=cmd_user_add)
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", required=True, choices=[r.value for r in UserRole])
    p.add_argument("--name", help="the name shown in the app (default: the username)")
    p.add_argument("--network", choices=[n.value for n in NetworkSlug])
