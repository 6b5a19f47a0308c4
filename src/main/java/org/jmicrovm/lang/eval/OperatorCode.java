package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** The operators. */
final class OperatorCode {

    private OperatorCode() {}

    private static boolean bool(Code c, Env env) {
        Value v = c.eval(env);
        if (v == NixBool.TRUE) {
            return true;
        }
        if (v == NixBool.FALSE) {
            return false;
        }
        throw EvalError.typeMismatch(v, "a Boolean", c.pos());
    }

    static final class Not extends Code {
        final Code operand;

        Not(Pos pos, Code operand) {
            super(pos);
            this.operand = operand;
        }

        @Override
        public Value eval(Env env) {
            return NixBool.of(!bool(operand, env));
        }
    }

    static final class And extends Code {
        final Code left;
        final Code right;

        And(Pos pos, Code left, Code right) {
            super(pos);
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(Env env) {
            return NixBool.of(bool(left, env) && bool(right, env));
        }
    }

    static final class Or extends Code {
        final Code left;
        final Code right;

        Or(Pos pos, Code left, Code right) {
            super(pos);
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(Env env) {
            return NixBool.of(bool(left, env) || bool(right, env));
        }
    }

    static final class Implies extends Code {
        final Code left;
        final Code right;

        Implies(Pos pos, Code left, Code right) {
            super(pos);
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(Env env) {
            return NixBool.of(!bool(left, env) || bool(right, env));
        }
    }

    static final class Equals extends Code {
        final Code left;
        final Code right;
        final boolean negated;

        Equals(Pos pos, Code left, Code right, boolean negated) {
            super(pos);
            this.left = left;
            this.right = right;
            this.negated = negated;
        }

        @Override
        public Value eval(Env env) {
            boolean eq = Equality.equalValues(left.eval(env), right.eval(env));
            return NixBool.of(eq != negated);
        }
    }

    enum Relation { LT, LE, GT, GE }

    /** {@code < <= > >=}, all defined through {@code __lessThan} as Nix does. */
    static final class Compare extends Code {
        final Code left;
        final Code right;
        final Relation relation;

        Compare(Pos pos, Code left, Code right, Relation relation) {
            super(pos);
            this.left = left;
            this.right = right;
            this.relation = relation;
        }

        @Override
        public Value eval(Env env) {
            Value a = left.eval(env);
            Value b = right.eval(env);
            boolean r = switch (relation) {
                case LT -> Comparison.lessThan(a, b, pos);
                case GT -> Comparison.lessThan(b, a, pos);
                case LE -> !Comparison.lessThan(b, a, pos);
                case GE -> !Comparison.lessThan(a, b, pos);
            };
            return NixBool.of(r);
        }
    }

    enum ArithOp { SUB, MUL, DIV }

    static final class Arith extends Code {
        final Code left;
        final Code right;
        final ArithOp op;

        Arith(Pos pos, Code left, Code right, ArithOp op) {
            super(pos);
            this.left = left;
            this.right = right;
            this.op = op;
        }

        @Override
        public Value eval(Env env) {
            Value a = left.eval(env);
            Value b = right.eval(env);
            if (a instanceof NixInt x && b instanceof NixInt y) {
                switch (op) {
                    case SUB:
                        return NixInt.of(x.value() - y.value());
                    case MUL:
                        return NixInt.of(x.value() * y.value());
                    default:
                        break;
                }
            }
            return switch (op) {
                case SUB -> Arithmetic.sub(a, b, pos);
                case MUL -> Arithmetic.mul(a, b, pos);
                case DIV -> Arithmetic.div(a, b, pos);
            };
        }
    }

    static final class ConcatLists extends Code {
        final Code left;
        final Code right;

        ConcatLists(Pos pos, Code left, Code right) {
            super(pos);
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(Env env) {
            NixList a = Force.list(left.eval(env), pos);
            NixList b = Force.list(right.eval(env), pos);
            if (a.size() == 0) {
                return b;
            }
            if (b.size() == 0) {
                return a;
            }
            Lazy[] out = new Lazy[a.size() + b.size()];
            System.arraycopy(a.array(), 0, out, 0, a.size());
            System.arraycopy(b.array(), 0, out, a.size(), b.size());
            return new NixList(out);
        }
    }

    static final class Update extends Code {
        final Code left;
        final Code right;

        Update(Pos pos, Code left, Code right) {
            super(pos);
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(Env env) {
            NixAttrs a = Force.attrs(left.eval(env), pos);
            NixAttrs b = Force.attrs(right.eval(env), pos);
            return a.update(b);
        }
    }

    /**
     * Nix's ExprConcatStrings: both {@code a + b} and string or path interpolation. The first
     * operand decides what the result is: integers and floats add up, a path makes a path
     * (nothing is copied to the store), anything else makes a string; with
     * {@code forceString} (string interpolation) the result is always a string and paths in it
     * are copied to the store.
     */
    static final class Concat extends Code {
        private static final int INT = 0;
        private static final int FLOAT = 1;
        private static final int PATH = 2;
        private static final int STRING = 3;
        private static final int OTHER = 4;

        final Evaluator ev;
        final Code[] parts;
        final boolean forceString;

        Concat(Pos pos, Evaluator ev, Code[] parts, boolean forceString) {
            super(pos);
            this.ev = ev;
            this.parts = parts;
            this.forceString = forceString;
        }

        @Override
        public Value eval(Env env) {
            if (forceString) {
                return interpolate(env);
            }
            Value first = parts[0].eval(env);
            if (parts.length == 2 && first instanceof NixInt x) {
                Value second = parts[1].eval(env);
                if (second instanceof NixInt y) {
                    return NixInt.of(x.value() + y.value());
                }
                return general(env, first, second);
            }
            if (parts.length == 2 && first instanceof NixString x) {
                // a + b on strings, as in an accumulating fold: a rope when long (see NixString)
                Value second = parts[1].eval(env);
                if (second instanceof NixString y) {
                    return NixString.concat(x, y);
                }
                return general(env, first, second);
            }
            return general(env, first, null);
        }

        private Value interpolate(Env env) {
            NixString[] strings = new NixString[parts.length];
            long total = 0;
            for (int i = 0; i < parts.length; i++) {
                Value v = parts[i].eval(env);
                strings[i] = v instanceof NixString s ? s
                        : new NixString(ev.coerceToString(v, parts[i].pos(), true, false));
                total += strings[i].length();
            }
            if (total >= NixString.ROPE_MIN_LENGTH) {
                // "${acc}${x}" in a fold: a rope, as acc + x (see NixString)
                NixString result = strings[0];
                for (int i = 1; i < strings.length; i++) {
                    result = NixString.concat(result, strings[i]);
                }
                return result;
            }
            // Short results in one piece of the exact length (String.join sizes it from the parts):
            // a default-sized builder grows and copies several times per interpolation.
            String[] bytes = new String[strings.length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = strings[i].bytes();
            }
            return new NixString(bytes.length == 2 ? bytes[0].concat(bytes[1]) : String.join("", bytes));
        }

        private Value general(Env env, Value first, Value second) {
            // instanceof, not a pattern switch, for start-up: see Compiler.compile
            int type = first instanceof NixInt ? INT : first instanceof NixFloat ? FLOAT
                    : first instanceof NixPath ? PATH : first instanceof NixString ? STRING : OTHER;
            long n = 0;
            double nf = 0;
            StringBuilder sb = null;
            for (int i = 0; i < parts.length; i++) {
                Value v = i == 0 ? first : i == 1 && second != null ? second : parts[i].eval(env);
                Pos partPos = parts[i].pos();
                if (type == INT) {
                    if (v instanceof NixInt x) {
                        n += x.value();
                    } else if (v instanceof NixFloat x) {
                        type = FLOAT;
                        nf = n + x.value();
                    } else {
                        throw new EvalError("cannot add " + v.describe() + " to an integer", partPos);
                    }
                } else if (type == FLOAT) {
                    if (v instanceof NixInt x) {
                        nf += x.value();
                    } else if (v instanceof NixFloat x) {
                        nf += x.value();
                    } else {
                        throw new EvalError("cannot add " + v.describe() + " to a float", partPos);
                    }
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(v instanceof NixString s ? s.bytes().length() + 64 : 64);
                    }
                    if (v instanceof NixString s) {
                        sb.append(s.bytes());
                    } else {
                        sb.append(ev.coerceToString(v, partPos, type == STRING, false));
                    }
                }
            }
            return switch (type) {
                case INT -> NixInt.of(n);
                case FLOAT -> new NixFloat(nf);
                case PATH -> new NixPath(Paths.canonical(sb.toString(), pos));
                default -> new NixString(sb.toString());
            };
        }
    }
}
