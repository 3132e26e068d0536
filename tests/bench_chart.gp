# doc/bench.svg from make bench (tests/bench.sh): GB/s of each command on
# each input, with the copy out of page cache (dd, and two dd at once) and
# GNU wc counting lines alone as reference lines over each input's bars. Variables set by bench.sh:
#   data       a row per input: its name, then GB/s of each command (a
#              header row names the commands)
#   reference  a row per input: its index, the GB/s of dd, of two dd at
#              once (on halves of the input) and of GNU wc -l
#   columns    the columns of data (1 + the number of commands)
#   output, title
set terminal svg size 960,540 dynamic font "sans,13" background "white"
set output output
set title title font ",13"
set key outside right top vertical Left reverse noenhanced samplen 2
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.95
set logscale y
set yrange [0.02:*]
set ytics (0.03, 0.1, 0.3, 1, 3, 10, 30)
set grid ytics lc rgb "#dddddd"
set ylabel "GB/s (log scale)"
set xtics scale 0 noenhanced
set xrange [-0.6:2.6]  # the three inputs, no room to either side
# n bars and a gap of one: the bars of input k span k - n/2/(n+1) .. k + n/2/(n+1).
n = columns - 1
half = n / 2.0 / (n + 1)
plot for [c = 2:columns] data using c:xtic(1) title columnheader(c), \
     reference using ($1 - half):2:(2 * half):(0) with vectors nohead lw 3 lc rgb "black" title "dd (one core's copy)", \
     reference using ($1 - half):3:(2 * half):(0) with vectors nohead lw 3 dt 3 lc rgb "black" title "two dd at once (two cores' copy)", \
     reference using ($1 - half):4:(2 * half):(0) with vectors nohead lw 3 dt 2 lc rgb "#c00000" title "GNU wc -l"
