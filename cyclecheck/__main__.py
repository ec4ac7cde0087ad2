from .cli import entry

if __name__ == "__main__":
    entry(prog_name="cyclecheck")
