# pywikibot configuration for wikiwarden, set up for MEpedia (https://me-pedia.org).
#
# pywikibot reads this file when wikiwarden first touches a wiki.  wikiwarden finds it through
# --pywikibot-dir DIR, else $PYWIKIBOT_DIR, else the current folder (this repository's root).
# Keep one folder per wiki if you work with several.
#
# Credentials are NEVER written here.  To log in (needed for saving, and for the bot flag's
# higher limits), create a bot password on the wiki (Special:BotPasswords), then either
#   - put it in a password file (default: user-password.py beside this file, git-ignored,
#     chmod 600) holding one line:   ('YourBot', BotPassword('app-name', 'the-secret'))
#   - or keep that file elsewhere (a secrets mount) and point WIKIWARDEN_PASSWORD_FILE at it;
# and set WIKIWARDEN_USER=YourBot in the environment.  Without WIKIWARDEN_USER wikiwarden
# reads anonymously, which is enough for audits of a public wiki.
import os

# --- which wiki ---------------------------------------------------------------------------
# Any MediaWiki works through family_files: give it a name and its api.php address.
# mylang must be the same as the family name for such entries.
family_files['mepedia'] = 'https://me-pedia.org/api.php'
family = os.environ.get('WIKIWARDEN_FAMILY', 'mepedia')
mylang = os.environ.get('WIKIWARDEN_CODE', family)
# Another wiki, e.g. a local test wiki:
# family_files['mywiki'] = 'http://127.0.0.1:8080/api.php'

# --- who ----------------------------------------------------------------------------------
if os.environ.get('WIKIWARDEN_USER'):
    usernames[family][mylang] = os.environ['WIKIWARDEN_USER']
password_file = os.environ.get('WIKIWARDEN_PASSWORD_FILE', 'user-password.py')

# --- being a good citizen -------------------------------------------------------------------
put_throttle = 10          # seconds between saves; ask your wiki's admins what they allow
read_maxlag = 30           # back off when the database replicas lag (seconds), for reads
write_maxlag = 5           # ... and for saves
max_retries = 3            # HTTP retries before giving up (a page then is skipped, with why)
retry_wait = 2             # seconds before the first retry (doubles: 2 + 4 + 8 s at most)
socket_timeout = (6, 30)   # seconds to connect, and to wait for an answer
# The first contact with the wiki retries once, so an unreachable wiki fails within seconds;
# 5 pages in a row failing with server errors stop the run (exit status 6, WIKI_DOWN).
user_agent_description = 'wikiwarden'
